package io.corral.model.command;

import io.corral.model.cgroup.Freezer;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.UnansweredFuse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The freeze timeout on the live kernel: a corral-test group (cgroup2, and v1 freezer)
 * holding our own {@code sleep} and our own process stuck in an unanswered FUSE request
 * ({@link UnansweredFuse}) never gets frozen; the freeze times out, is thawed back, and
 * says which process kept it from completing.
 */
@ExtendWith(LiveCgroups.class)
class LiveFreezeTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path tmp;
    private final CgroupFs fs = CgroupFs.live();
    private Hierarchy unified;
    private Optional<Hierarchy> freezer;

    @BeforeEach
    void live() throws Exception {
        LiveCgroups.assumeLiveKernel();
        UnansweredFuse.assumeAvailable();
        java.util.List<Hierarchy> all = new HierarchyDiscovery(fs).discover();
        freezer = all.stream().filter(h -> !h.isV2() && h.has("freezer")).findFirst();
        Optional<Hierarchy> v2 = all.stream().filter(Hierarchy::isV2).findFirst();
        if (v2.isEmpty()) {
            System.out.println("SKIPPED live freeze-timeout test: no cgroup2 hierarchy mounted");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(v2.isPresent(), "no cgroup2 hierarchy");
        unified = v2.get();
    }

    /** A test group of the hierarchy with a sleep and the stuck child in it. */
    private Path stuckGroup(LiveCgroups lc, Hierarchy h, String name, UnansweredFuse.Stuck stuck) throws Exception {
        Path dir = lc.mkdir(Path.of(h.mount()), name);
        Process sleep = lc.start("sleep", "300");
        lc.moveInto(dir, sleep.pid());
        lc.moveInto(dir, stuck.child());
        return dir;
    }

    @Test
    void aFreezeBlockedByATaskInTheKernelTimesOutAndIsThawedBack(LiveCgroups lc) throws Exception {
        UnansweredFuse.Stuck stuck = UnansweredFuse.start(lc, Files.createDirectory(tmp.resolve("mnt")));
        Path dir = stuckGroup(lc, unified, LiveCgroups.newName(), stuck);

        long t0 = System.nanoTime();
        Freezer.Result r = new Freezer(fs, TIMEOUT).freeze(dir);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        Freezer.Result.TimedOut t = assertInstanceOf(Freezer.Result.TimedOut.class, r, r.toString());
        assertEquals("cgroup.freeze 1, frozen 0", t.holds(), "asked, never done");
        assertTrue(t.thawedBack());
        assertEquals("0", Files.readString(dir.resolve("cgroup.freeze")).strip(), "thawed back");
        assertTrue(Files.readString(dir.resolve("cgroup.events")).contains("frozen 0"));
        assertTrue(ms >= TIMEOUT.toMillis() && ms < 5_000, "waited the timeout, not forever: " + ms + " ms");
        assertTrue(UnansweredFuse.isAlive(stuck.child()), "the freezer neither froze nor ended the child");
    }

    @Test
    void theEngineSaysWhichProcessKeptTheFreezeFromCompleting(LiveCgroups lc) throws Exception {
        UnansweredFuse.Stuck stuck = UnansweredFuse.start(lc, Files.createDirectory(tmp.resolve("mnt")));
        String name = LiveCgroups.newName();
        Path dir = stuckGroup(lc, unified, name, stuck);

        CommandResult r = engine().run(new Command.Freeze(new GroupRef(unified, GroupPath.ofKernel("/" + name))));

        Failure f = assertInstanceOf(CommandResult.Rejected.class, r, r.toString()).failure();
        assertEquals(Errno.EAGAIN, f.errno());
        assertEquals("unified:/" + name + " did not freeze within 300 ms (cgroup.freeze 1, frozen 0;"
                + " process(es) in uninterruptible sleep (D): " + stuck.child() + " (request_wait_answer)); it was thawed"
                + " again", f.message());
        assertEquals("0", Files.readString(dir.resolve("cgroup.freeze")).strip());
        assertEquals(java.util.List.of(), r.inverse(), "nothing to undo: the group is as it was");
    }

    @Test
    void aV1FreezeStaysFreezingTimesOutAndIsThawedBack(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(Path.of(freezer.map(Hierarchy::mount).orElse("/nonexistent")));
        UnansweredFuse.Stuck stuck = UnansweredFuse.start(lc, Files.createDirectory(tmp.resolve("mnt")));
        String name = LiveCgroups.newName();
        Path dir = stuckGroup(lc, freezer.get(), name, stuck);

        CommandResult r = engine().run(new Command.Freeze(new GroupRef(freezer.get(), GroupPath.ofKernel("/" + name))));

        Failure f = assertInstanceOf(CommandResult.Rejected.class, r, r.toString()).failure();
        assertEquals(Errno.EAGAIN, f.errno());
        // The sleep, frozen in place, reads D too (with its own wchan); the stuck child is named with its wait.
        assertTrue(f.message().startsWith("freezer:/" + name + " did not freeze within 300 ms (freezer.state FREEZING;"
                + " process(es) in D state (stuck in the kernel, or already frozen): "), f.message());
        assertTrue(f.message().contains(stuck.child() + " (request_wait_answer)"), f.message());
        assertTrue(f.message().endsWith("); it was thawed again"), f.message());
        assertEquals("THAWED", Files.readString(dir.resolve("freezer.state")).strip());
    }

    private CommandEngine engine() {
        return new CommandEngine(fs, new ProcTasks(ProcFs.live()), Optional.empty(), CommandEngine.Mode.CALLER_THREAD,
                TIMEOUT);
    }
}
