package io.corral.model.proc;

import io.corral.model.kernel.ReadProblem;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process table reads what {@link ProcFs#process} reads, and hands over a process whose
 * files did not change as the same object: on fixture hosts (changes of every file it reads)
 * and live (processes we started).
 */
@ExtendWith(LiveCgroups.class)
class ProcessTableTest {
    @TempDir
    Path dir;

    private final List<ReadProblem> problems = new ArrayList<>();

    private Map<Integer, ProcessInfo> read(ProcessTable t) {
        Map<Integer, ProcessInfo> out = new TreeMap<>();
        t.read(out, problems);
        return out;
    }

    private static Map<Integer, ProcessInfo> oneByOne(ProcFs procfs) throws Exception {
        Map<Integer, ProcessInfo> out = new TreeMap<>();
        for (int pid : procfs.pids()) {
            procfs.process(pid).ifPresent(p -> out.put(pid, p));
        }
        return out;
    }

    @Test
    void readsWhatProcFsReadsOnEveryFixtureLayout() throws Exception {
        for (FixtureHost host : List.of(FixtureScenes.hybrid(dir.resolve("h")), FixtureScenes.unified(dir.resolve("u")),
                FixtureScenes.legacy(dir.resolve("l")))) {
            ProcFs procfs = new ProcFs(host.root());
            Map<Integer, ProcessInfo> want = oneByOne(procfs);
            assertTrue(want.size() > 2, want.keySet().toString());
            assertEquals(want, read(new ProcessTable(procfs)));
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aProcessWhoseFilesDidNotChangeIsTheSameObjectAndAChangedOneIsReadAgain() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        ProcFs procfs = new ProcFs(host.root());
        ProcessTable t = new ProcessTable(procfs);
        Map<Integer, ProcessInfo> a = read(t);
        Map<Integer, ProcessInfo> b = read(t);
        for (int pid : a.keySet()) {
            assertSame(a.get(pid), b.get(pid), "pid " + pid);
        }
        // 4242 ran (stat), moved (cgroup) and became another user (status); 5001 is new.
        host.group("/sys/fs/cgroup/cpu/batch");
        host.process(4242).command("sleep", "sleep", "600").uid(0).cpuTicks(500, 20).in("cpu", "/batch").write();
        host.process(5001).command("make", "make", "-j2").write();
        Map<Integer, ProcessInfo> c = read(t);
        assertEquals(oneByOne(procfs), c);
        assertNotSame(b.get(4242), c.get(4242));
        assertEquals(Optional.of("/batch"), c.get(4242).cgroup("cpu"));
        assertEquals(520, c.get(4242).cpuTicks());
        assertEquals(0, c.get(4242).uid());
        assertEquals(List.of("make", "-j2"), c.get(5001).cmdline());
        // The pid reused by another command: its command line is read again.
        host.process(5001).command("ninja", "ninja", "-C", "out").write();
        assertEquals(List.of("ninja", "-C", "out"), read(t).get(5001).cmdline());
        host.remove("/proc/5001");
        assertTrue(read(t).get(5001) == null, "gone");
        assertEquals(oneByOne(procfs).size(), t.size(), "forgotten");
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void liveOurProcessIsReadAsProcFsReadsItAndIsGoneOnceReaped(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        Process sleeper = live.start("sleep", "60");
        int pid = (int) sleeper.pid();
        ProcFs procfs = ProcFs.live();
        ProcessTable t = new ProcessTable(procfs);
        ProcessInfo first = read(t).get(pid);
        assertEquals(List.of("sleep", "60"), first.cmdline());
        // Once it sleeps (exec and start-up done), nothing of it changes: the same object.
        ProcessInfo again = read(t).get(pid);
        for (int i = 0; i < 50 && again != first; i++) {
            Thread.sleep(100);
            first = again;
            again = read(t).get(pid);
        }
        assertSame(first, again, "a sleeping process: nothing changed");
        assertEquals(procfs.process(pid).orElseThrow(), again);
        sleeper.destroyForcibly().waitFor();
        assertTrue(read(t).get(pid) == null, "reaped: gone");
        assertTrue(problems.isEmpty(), problems.toString());
    }
}
