package io.corral.model.proc;

import io.corral.model.kernel.MalformedFileException;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcFsTest {
    @TempDir
    Path dir;

    @Test
    void readsAProcessWithItsGroupsPerHierarchy() throws Exception {
        FixtureHost host = FixtureHost.hybrid(dir);
        host.group("/sys/fs/cgroup/cpu/web");
        host.group("/sys/fs/cgroup/unified/web");
        host.process(4242).ppid(1).command("sleep", "sleep", "600").uid(1000).threads(3)
                .in("cpu", "/web").in("unified", "/web").write();
        ProcFs procfs = new ProcFs(host.root());
        ProcessInfo p = procfs.process(4242).orElseThrow();
        assertEquals(4242, p.pid());
        assertEquals(1, p.ppid());
        assertEquals("sleep", p.comm());
        assertEquals(List.of("sleep", "600"), p.cmdline());
        assertEquals(1000, p.uid());
        assertEquals(Optional.of("alice"), p.user());
        assertEquals(ProcessState.SLEEPING, p.state());
        assertEquals(3, p.threads());
        assertEquals(OptionalLong.of(415 * 4096L), p.rssBytes());
        assertFalse(p.kernelThread());
        assertEquals(Optional.of("/web"), p.cgroup("cpu"));
        assertEquals(Optional.of("/web"), p.cgroup("unified"));
        assertEquals(Optional.of("/"), p.cgroup("name=systemd"));
        assertEquals(Optional.of("/"), p.cgroup("memory"));
        assertEquals(List.of(4242, 4243, 4244), procfs.threads(4242));
        assertEquals(List.of(4242), procfs.pids());
    }

    @Test
    void threadsAreListedWithTheirNamesAndStates() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.process(4242).command("java", "java", "-jar", "x.jar").state('R').threads(3).write();
        host.file("/proc/4242/task/4244/comm", "GC Thread#0\n");
        ProcFs procfs = new ProcFs(host.root());
        assertEquals(List.of(new ThreadInfo(4242, "java", ProcessState.RUNNING),
                        new ThreadInfo(4243, "java-1", ProcessState.SLEEPING),
                        new ThreadInfo(4244, "GC Thread#0", ProcessState.SLEEPING)),
                procfs.threadInfos(4242));
        assertEquals(List.of(), procfs.threadInfos(999), "a process that is gone has no threads");
    }

    @Test
    void kernelThreadsAndZombiesAreRecognised() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.process(2).kernelThread("kthreadd").ppid(0).write();
        host.process(77).kernelThread("kworker/0:1-events").write();
        host.process(500).command("defunct").state('Z').write();
        ProcFs procfs = new ProcFs(host.root());
        assertTrue(procfs.process(2).orElseThrow().kernelThread());
        ProcessInfo kw = procfs.process(77).orElseThrow();
        assertTrue(kw.kernelThread());
        assertEquals(OptionalLong.empty(), kw.rssBytes(), "a kernel thread has no address space: absent, not 0");
        assertEquals("[kworker/0:1-events]", kw.commandLine());
        ProcessInfo z = procfs.process(500).orElseThrow();
        assertTrue(z.zombie());
        assertEquals(List.of(), z.cmdline());
        assertFalse(z.kernelThread());
        assertEquals(OptionalLong.empty(), z.rssBytes());
        assertEquals(Optional.of("root"), z.user());
    }

    @Test
    void aVanishedPidIsAbsentNotAnError() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        ProcFs procfs = new ProcFs(host.root());
        assertEquals(Optional.empty(), procfs.process(99999));
        assertEquals(List.of(), procfs.threads(99999));
    }

    @Test
    void hostFacts() throws Exception {
        ProcFs procfs = new ProcFs(FixtureHost.unified(dir).root());
        assertEquals("fixture-host", procfs.hostName());
        assertEquals("6.1.0-fixture", procfs.kernelRelease());
        assertEquals(2, procfs.cpuCount());
    }

    @Test
    void statCountsFieldsFromTheLastParenthesis() throws Exception {
        ProcStat s = ProcStat.parse("123 (a) b (c)) R 1 123 123 0 -1 4194304 0 0 0 0 7 8 0 0 20 0 4 0 999 0 55 0\n");
        assertEquals(123, s.pid());
        assertEquals("a) b (c)", s.comm());
        assertEquals(ProcessState.RUNNING, s.state());
        assertEquals(1, s.ppid());
        assertEquals(7, s.utimeTicks());
        assertEquals(8, s.stimeTicks());
        assertEquals(4, s.threads());
        assertEquals(999, s.startTicks());
        assertEquals(55, s.rssPages());
        assertFalse(s.kernelThread());
        assertTrue(ProcStat.parse("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 25 0 0 0\n").kernelThread());
    }

    @Test
    void residentSetSizeIsField24InPagesAndAbsentWithoutAnAddressSpace() throws Exception {
        String[][] cases = {
                // stat text, expected bytes ("" = absent)
                {"321 (java) S 1 321 321 0 -1 4194560 9 0 0 0 40 5 0 0 20 0 31 0 777 5000000 12345 18446744073709551615 0 0\n",
                        Long.toString(12345 * 4096L)},
                {"9 (sh) R 1 9 9 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 50 0 0 0\n", "0"},
                {"2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 25 0 0 0\n", ""},
                {"77 (kworker/0:1) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 20 0 1 0 25 0 0 0\n", ""},
                {"500 (defunct) Z 1 500 500 0 -1 4227076 0 0 0 0 1 1 0 0 20 0 1 0 60 0 0 0\n", ""},
        };
        for (String[] c : cases) {
            OptionalLong want = c[1].isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(c[1]));
            assertEquals(want, ProcStat.parse(c[0]).rssBytes(), c[0]);
        }
    }

    @Test
    void malformedStatIsRefused() {
        for (String bad : List.of("", "123 sleep S 1", "123 (sleep) S 1 2 3", "x (sleep) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0 0",
                "1 (a) SS 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0 0")) {
            assertThrows(MalformedFileException.class, () -> ProcStat.parse(bad), bad);
        }
    }

    @Test
    void cgroupFileIsKeyedByHierarchyId() throws Exception {
        Map<String, String> m = ProcCgroups.parse("12:cpuacct,cpu:/a\n11:name=systemd:/user.slice\n3:memory:/x:y\n0::/init.scope\n");
        assertEquals("/a", m.get("cpu,cpuacct"));
        assertEquals("/user.slice", m.get("name=systemd"));
        assertEquals("/x:y", m.get("memory"));
        assertEquals("/init.scope", m.get("unified"));
        for (String bad : List.of("garbage\n", "1:cpu\n", "1:cpu:relative\n")) {
            assertThrows(MalformedFileException.class, () -> ProcCgroups.parse(bad), bad);
        }
    }

    @Test
    void statusWithoutUidIsMalformed() {
        assertThrows(MalformedFileException.class, () -> ProcFs.uid("Name:\tx\n"));
    }

    @Test
    void processStatesByLetter() {
        assertEquals(ProcessState.ZOMBIE, ProcessState.of('Z'));
        assertEquals(ProcessState.IDLE, ProcessState.of('I'));
        assertEquals(ProcessState.UNKNOWN, ProcessState.of('?'));
    }
}
