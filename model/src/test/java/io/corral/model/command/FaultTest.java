package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.Setting;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Sampler;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's faults on fixture trees (the live kernel versions are in LiveFaultTest): a group
 * removed while a command runs, a freeze that never completes, files the sampler cannot
 * read, a torn journal line followed by more commands. After each: a specific message,
 * and a fresh snapshot reads the host without error.
 */
class FaultTest {
    @TempDir
    Path dir;

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aGroupRemovedJustBeforeTheWriteIsReportedAsRemovedAndTheNextSnapshotHasNoTrace() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("pids", "/corral-test-gone", "pids.max", "max\n");
        Path groupDir = g.dir(f.fs);
        f.fs.setWriteObserver((file, value) -> deleteTree(groupDir));
        CommandResult r = f.engine.run(new Command.SetLimits(g, List.of(Setting.parse("pids.max=64"))));
        Failure failure = assertInstanceOf(CommandResult.Rejected.class, r).failure();
        assertEquals(Errno.ENOENT, failure.errno());
        assertTrue(failure.message().contains("does not exist (any more: removed meanwhile"), failure.message());
        HostSnapshot after = SnapshotReader.onRoot(f.host.root()).read(Optional.empty(), false);
        assertTrue(after.group("pids", GroupPath.ofKernel("/corral-test-gone")).isEmpty());
        assertEquals(List.of(), after.problems(), "a removed group is not a read problem");
    }

    @Test
    void aMoveIntoAGroupRemovedMeanwhileSaysNothingWasMoved() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("pids", "/corral-test-gone");
        f.tasks.process(4242, 'S');
        Path groupDir = g.dir(f.fs);
        f.fs.setWriteObserver((file, value) -> deleteTree(groupDir));
        CommandResult r = f.engine.run(new Command.MoveTasks(g, List.of(4242), false));
        Failure failure = assertInstanceOf(CommandResult.Rejected.class, r).failure();
        assertTrue(failure.message().contains("does not exist (any more: removed meanwhile, or never created); nothing was moved"), failure.message());
    }

    @Test
    void aFreezeThatNeverCompletesTimesOutAndIsThawedAgain() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("freezer", "/corral-test-stuck");
        // A freezer.state that swallows writes and never reads FROZEN: a task stuck in D state.
        Files.createSymbolicLink(g.dir(f.fs).resolve("freezer.state"), Path.of("/dev/null"));
        long t0 = System.nanoTime();
        CommandResult r = f.engine.run(new Command.Freeze(g));
        Failure failure = assertInstanceOf(CommandResult.Rejected.class, r).failure();
        assertEquals(Errno.EAGAIN, failure.errno());
        assertTrue(failure.message().contains("did not freeze within 200 ms") && failure.message().contains("thawed again"),
                failure.message());
        assertEquals(List.of("sys/fs/cgroup/freezer/corral-test-stuck/freezer.state=FROZEN",
                "sys/fs/cgroup/freezer/corral-test-stuck/freezer.state=THAWED"), f.writes);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "bounded by the timeout");
    }

    @Test
    void aV2FreezeThatNeverCompletesIsThawedAgain() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        GroupRef g = f.make("unified", "/corral-test-stuck", "cgroup.freeze", "0\n",
                "cgroup.events", "populated 1\nfrozen 0\n");
        CommandResult r = f.engine.run(new Command.Freeze(g));
        assertInstanceOf(CommandResult.Rejected.class, r);
        assertEquals("0", f.host.read(g.dir(f.fs).resolve("cgroup.freeze")).trim(), "thawed again");
        assertEquals(List.of("sys/fs/cgroup/corral-test-stuck/cgroup.freeze=1",
                "sys/fs/cgroup/corral-test-stuck/cgroup.freeze=0"), f.writes);
    }

    @Test
    void aGroupThatForksForeverIsMovedInBoundedPassesAndItsStragglersReported() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef source = f.make("pids", "/corral-test-fork", "cgroup.procs", "100\n");
        GroupRef target = f.make("pids", "/corral-test-calm");
        f.tasks.process(100, 'S').in(100, source.hierarchy(), "/corral-test-fork");
        Path sourceProcs = source.dir(f.fs).resolve("cgroup.procs");
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(101);
        // Like the kernel: the written pid leaves the source for the target; and like a fork
        // bomb: each move finds a new child in the source.
        f.fs.setWriteObserver((file, value) -> {
            int pid = Integer.parseInt(value);
            int child = next.getAndIncrement();
            f.tasks.in(pid, source.hierarchy(), "/corral-test-calm").process(child, 'S')
                    .in(child, source.hierarchy(), "/corral-test-fork");
            f.host.file("/sys/fs/cgroup/pids/corral-test-fork/cgroup.procs", child + "\n");
        });
        long t0 = System.nanoTime();
        CommandResult r = f.engine.run(new Command.MoveAllTasks(source, target));
        CommandResult.Partial p = assertInstanceOf(CommandResult.Partial.class, r, r.toString());
        assertTrue(System.nanoTime() - t0 < TaskMover.MAX_TIME.toNanos() + Duration.ofSeconds(2).toNanos(), "bounded in time");
        assertEquals(1, p.failures().size(), p.failures().toString());
        Failure straggler = p.failures().get(0);
        assertEquals(Errno.EAGAIN, straggler.errno());
        assertTrue(straggler.message().contains("after " + TaskMover.MAX_PASSES + " passes (the group keeps forking)"),
                straggler.message());
        assertEquals(TaskMover.MAX_PASSES, next.get() - 101, "one move per pass, bounded in passes");
        assertEquals(sourceProcs, straggler.path());
    }

    @Test
    void unreadableAndGarbledFilesAreReadProblemsNotCrashes() throws Exception {
        FixtureHost host = FixtureHost.hybrid(dir);
        Path g = host.cgroup("pids", "/corral-test-odd");
        Files.delete(g.resolve("pids.max"));
        Files.createDirectory(g.resolve("pids.max"));                  // EISDIR on read
        Files.writeString(g.resolve("cgroup.procs"), "12\nbanana\n");   // not a pid
        host.cgroup("freezer", "/corral-test-odd", "freezer.state", "MELTING\n");
        HostSnapshot s = SnapshotReader.onRoot(host.root()).read(Optional.empty(), false);
        assertTrue(s.group("pids", GroupPath.ofKernel("/corral-test-odd")).isPresent(), "the group is still shown");
        List<String> problems = s.problems().stream().map(ReadProblem::toString).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("pids.max")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("banana")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("MELTING")), problems.toString());
        assertEquals(Optional.of(List.of(12)),
                s.group("pids", GroupPath.ofKernel("/corral-test-odd")).get().processes());
    }

    @Test
    void theSamplerSurvivesAFailedReadingAndRecovers() throws Exception {
        FixtureHost host = FixtureHost.hybrid(dir);
        SnapshotReader reader = SnapshotReader.onRoot(host.root());
        AtomicInteger calls = new AtomicInteger();
        try (Sampler sampler = new Sampler(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("mountinfo unreadable");
            }
            return reader.read(Optional.of(GroupSpec.parse("pids:/")), false);
        }, Duration.ofMillis(20))) {
            sampler.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sampler.latest().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(sampler.latest().isPresent(), "sampling went on after the failure");
            assertTrue(calls.get() >= 2);
        }
    }

    @Test
    void anEntryAppendedAfterATornLineStartsOnItsOwnLine() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir.resolve("host")),
                Optional.of(new Journal(dir.resolve("journal.jsonl"))));
        GroupRef g = f.make("pids", "/corral-test-j", "pids.max", "max\n");
        f.engine.run(new Command.SetLimits(g, List.of(Setting.parse("pids.max=10"))));
        // kill -9 in the middle of an append:
        Files.writeString(dir.resolve("journal.jsonl"), "{\"time\":\"2026-11-29T01:00:00Z\",\"descr",
                java.nio.file.StandardOpenOption.APPEND);
        f.engine.run(new Command.SetLimits(g, List.of(Setting.parse("pids.max=20"))));
        Journal.Contents c = new Journal(dir.resolve("journal.jsonl")).read();
        assertEquals(1, c.unreadableLines(), "only the torn line is lost");
        assertEquals(2, c.entries().size());
        assertTrue(c.entries().get(1).description().contains("pids.max=20"));
    }
}
