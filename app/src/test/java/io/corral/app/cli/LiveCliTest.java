package io.corral.app.cli;

import io.corral.model.command.Journal;
import io.corral.model.command.ProcTasks;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code corral mkdir/move/set/freeze/thaw/rmdir/export/apply} in-process on the live
 * kernel, read back from the interface files directly and with libcgroup's {@code cgget}.
 */
@ExtendWith(LiveCgroups.class)
class LiveCliTest {
    private static final Path ROOT = LiveCgroups.CGROUP_ROOT;
    private static final List<String> V1 = List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer",
            "blkio", "pids", "systemd");

    @TempDir
    Path tmp;
    private CliHost host;
    private String out;
    private String err;

    @BeforeEach
    void live() {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(ROOT.resolve("cpu"));
        LiveCgroups.assumeHierarchy(ROOT.resolve("memory"));
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        LiveCgroups.assumeHierarchy(ROOT.resolve("freezer"));
        host = new CliHost(CgroupFs.live(), new ProcTasks(ProcFs.live()),
                Optional.of(new Journal(tmp.resolve("journal.jsonl"))));
    }

    private int corral(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CorralCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), host);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return rc;
    }

    private static String read(String hierarchy, String name, String file) throws Exception {
        return Files.readString(ROOT.resolve(hierarchy).resolve(name).resolve(file)).trim();
    }

    private static void trackEverywhere(LiveCgroups lc, String name) {
        try (var ds = Files.newDirectoryStream(ROOT, Files::isDirectory)) {
            for (Path mount : ds) {
                lc.track(mount.resolve(name));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> cgget(String param, String name) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/cgget"))) {
            System.out.println("SKIPPED cgget cross-check: /usr/bin/cgget not installed (Debian package cgroup-tools)");
            return Optional.empty();
        }
        Process p = new ProcessBuilder("cgget", "-n", "-v", "-r", param, "/" + name).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return Optional.of(text);
    }

    @Test
    void mkdirMoveSetFreezeThawRmdirChangeTheKernelAsAsked(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        trackEverywhere(lc, name);
        assertEquals(0, corral("mkdir", "/" + name), err);
        for (String h : V1) {
            if (Files.isDirectory(ROOT.resolve(h))) {
                assertTrue(Files.isDirectory(ROOT.resolve(h).resolve(name)), h);
            }
        }
        if (Files.isDirectory(ROOT.resolve("cpuset"))) {
            assertEquals(read("cpuset", "", "cpuset.cpus"), read("cpuset", name, "cpuset.cpus"));
        }

        Process p = lc.start("sleep", "300");
        String pid = Long.toString(p.pid());
        assertEquals(0, corral("move", "/" + name, pid), err);
        for (String h : List.of("cpu", "memory", "pids", "freezer")) {
            assertEquals(List.of(pid), Files.readAllLines(ROOT.resolve(h).resolve(name).resolve("cgroup.procs")), h);
        }

        assertEquals(0, corral("set", "/" + name, "cpu.quota=0.5", "memory.max=256M", "pids.max=64"), err);
        assertEquals("50000", read("cpu", name, "cpu.cfs_quota_us"));
        assertEquals("100000", read("cpu", name, "cpu.cfs_period_us"));
        assertEquals(Long.toString(256L << 20), read("memory", name, "memory.limit_in_bytes"));
        assertEquals("64", read("pids", name, "pids.max"));
        assertTrue(out.contains("pids.max = 64"), out);
        Optional<String> cg = cgget("pids.max", name);
        cg.ifPresent(v -> assertEquals("64", v));
        cgget("memory.limit_in_bytes", name).ifPresent(v -> assertEquals(Long.toString(256L << 20), v));
        cgget("cpu.cfs_quota_us", name).ifPresent(v -> assertEquals("50000", v));

        assertEquals(0, corral("freeze", "freezer:/" + name), err);
        assertEquals("FROZEN", read("freezer", name, "freezer.state"));
        assertEquals(0, corral("thaw", "freezer:/" + name), err);
        assertEquals("THAWED", read("freezer", name, "freezer.state"));

        assertNotEquals(0, corral("rmdir", "/" + name));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("still has 1 process(es) (" + pid + ")"), err);
        assertTrue(Files.isDirectory(ROOT.resolve("pids").resolve(name)), "refused rmdir removed nothing");

        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        for (int i = 0; i < 100 && !read("pids", name, "cgroup.procs").isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(0, corral("rmdir", "/" + name), err);
        for (String h : V1) {
            assertFalse(Files.exists(ROOT.resolve(h).resolve(name)), h);
        }
        Journal.Contents j = new Journal(tmp.resolve("journal.jsonl")).read();
        assertEquals(0, j.unreadableLines());
        assertEquals(List.of("applied", "applied", "applied", "applied", "applied", "rejected", "applied"),
                j.entries().stream().map(Journal.Entry::outcome).toList());
    }

    @Test
    void aKernelRefusalMidSetRollsBackWhatWasAlreadySet(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("cpuset"));
        String name = LiveCgroups.newName();
        Path pids = lc.mkdir(ROOT.resolve("pids"), name);
        Path cpuset = lc.mkdir(ROOT.resolve("cpuset"), name);
        Files.writeString(pids.resolve("pids.max"), "10");
        // pids.max is written first and accepted; CPU 4000 does not exist, so the kernel refuses
        // the second write (ERANGE) and the first is undone.
        int rc = corral("set", "pids,cpuset:/" + name, "pids.max=64", "cpuset.cpus=4000");
        assertEquals(1, rc, err);
        assertTrue(err.lines().findFirst().orElse("").contains("does not exist here"), err);
        assertTrue(err.contains("nothing changed: undid 1 earlier step"), err);
        assertEquals(1, err.lines().count(), err);
        assertEquals("10", Files.readString(pids.resolve("pids.max")).trim(), "nothing changed");
        assertEquals("", Files.readString(cpuset.resolve("cpuset.cpus")).trim(), "nothing changed");
    }

    @Test
    void exportThenApplyRecreatesASubtreeWithItsLimits(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("pids"), name);
        lc.mkdir(ROOT.resolve("pids"), name + "/child");
        Files.writeString(g.resolve("pids.max"), "77");
        assertEquals(0, corral("export", "pids:/" + name), err);
        String spec = out;
        assertTrue(spec.contains("\"pids.max\" : \"77\""), spec);
        Path file = tmp.resolve("spec.json");
        String other = LiveCgroups.newName();
        Files.writeString(file, spec.replace(name, other));
        lc.track(ROOT.resolve("pids").resolve(other));
        assertEquals(0, corral("apply", file.toString(), "--dry-run"), err);
        assertTrue(out.contains("create group pids:/" + other), out);
        assertFalse(Files.exists(ROOT.resolve("pids").resolve(other)), "dry run changed nothing");
        assertEquals(0, corral("apply", file.toString()), err);
        assertEquals("77", read("pids", other, "pids.max"));
        assertTrue(Files.isDirectory(ROOT.resolve("pids").resolve(other).resolve("child")));
        assertEquals(0, corral("apply", file.toString()), err);
        assertTrue(out.startsWith("nothing to do"), out);
    }

    @Test
    void movingAnExitedPidReportsItAndStillMovesTheOthers(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("pids"), name);
        Process alive = lc.start("sleep", "300");
        Process gone = lc.start("true");
        gone.waitFor(5, TimeUnit.SECONDS);
        int rc = corral("move", "pids:/" + name, Long.toString(gone.pid()), Long.toString(alive.pid()));
        assertEquals(2, rc, err);
        assertTrue(err.contains(Long.toString(gone.pid())), err);
        assertEquals(List.of(Long.toString(alive.pid())), Files.readAllLines(g.resolve("cgroup.procs")));
    }

    @Test
    void theCliNeverMovesItself(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("pids"), name);
        assertNotEquals(0, corral("move", "pids:/" + name, Long.toString(ProcessHandle.current().pid())));
        assertTrue(err.contains("Corral itself"), err);
        assertEquals("", Files.readString(g.resolve("cgroup.procs")));
    }

    @Test
    void moveThreadsWritesTheV1TasksFile(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("pids"), name);
        Process p = lc.start("sleep", "300");
        assertEquals(0, corral("move", "--threads", "pids:/" + name, Long.toString(p.pid())), err);
        assertEquals(List.of(Long.toString(p.pid())), Files.readAllLines(g.resolve("tasks")));
        assertTrue(out.contains("moved thread " + p.pid()), out);
    }
}
