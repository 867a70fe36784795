package io.corral.model.kernel;

import io.corral.model.proc.ProcFs;
import io.corral.model.proc.TaskCgroups;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the kernel does with kept-open fds on cgroupfs, and the /proc scan that replaces
 * kept membership files (root only; skipped with the reason otherwise).
 */
@ExtendWith(LiveCgroups.class)
class KeptFilesLiveTest {
    private static final Path PIDS = LiveCgroups.CGROUP_ROOT.resolve("pids");
    private static final Path CPUACCT = LiveCgroups.CGROUP_ROOT.resolve("cpuacct");
    private static final Path UNIFIED = LiveCgroups.CGROUP_ROOT.resolve("unified");

    private final ByteBuffer buf = ByteBuffer.allocateDirect(4096);

    private String read(KeptFiles files, KeptFiles.Handle h) throws KernelException {
        int n = files.read(h, buf);
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8).strip();
    }

    @Test
    void keptCounterFdsReturnFreshValues(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(PIDS);
        LiveCgroups.assumeHierarchy(CPUACCT);
        String name = LiveCgroups.newName();
        Path pids = live.mkdir(PIDS, name);
        Path cpuacct = live.mkdir(CPUACCT, name);
        KeptFiles files = new KeptFiles(Path.of("/"), 8);
        KeptFiles.Handle current = files.handle(pids.resolve("pids.current"));
        KeptFiles.Handle usage = files.handle(cpuacct.resolve("cpuacct.usage"));
        assertEquals("0", read(files, current));
        assertEquals("0", read(files, usage));
        Process busy = live.start("sh", "-c", "while :; do :; done");
        live.moveInto(pids, busy.pid());
        live.moveInto(cpuacct, busy.pid());
        Thread.sleep(300);
        assertTrue(current.isKept() && usage.isKept());
        assertEquals("1", read(files, current), "pids.current through the same fd");
        // Under load the busy loop may wait for a CPU: poll (bounded) instead of one sleep.
        long a = awaitAbove(files, usage, 0);
        long b = awaitAbove(files, usage, a);
        assertTrue(a > 0 && b > a, "cpuacct.usage grows through the same fd: " + a + " then " + b);
        if (Files.exists(UNIFIED.resolve("cgroup.procs"))) {
            Path v2 = live.mkdir(UNIFIED, name);
            KeptFiles.Handle events = files.handle(v2.resolve("cgroup.events"));
            assertTrue(read(files, events).contains("populated 0"));
            live.moveInto(v2, busy.pid());
            assertTrue(read(files, events).contains("populated 1"), "cgroup.events through the same fd");
        }
        files.close();
    }

    @Test
    void aKeptFdOfARemovedGroupGivesWayToTheRecreatedGroupsFile(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(PIDS);
        String name = LiveCgroups.newName();
        Path g = live.mkdir(PIDS, name);
        Files.writeString(g.resolve("pids.max"), "7");
        KeptFiles files = new KeptFiles(Path.of("/"), 8);
        KeptFiles.Handle max = files.handle(g.resolve("pids.max"));
        assertEquals("7", read(files, max));
        Files.delete(g);
        assertEquals(null, read(files, max), "removed: absent (ENODEV on the kept fd, ENOENT on open)");
        live.mkdir(PIDS, name);
        Files.writeString(g.resolve("pids.max"), "9");
        assertEquals("9", read(files, max), "recreated under the same path: the new group's file");
        read(files, max);
        Files.delete(g);
        live.mkdir(PIDS, name);
        assertEquals("max", read(files, max), "a kept fd of the old group is not read as the new one");
        files.close();
    }

    @Test
    void theTaskScanFindsProcessesAndThreadsLikeTheMembershipFiles(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(PIDS);
        String name = LiveCgroups.newName();
        Path g = live.mkdir(PIDS, name);
        Process p = live.start("sleep", "60");
        live.moveInto(g, p.pid());
        try (TaskCgroups scan = new TaskCgroups(ProcFs.live(), 4096)) {
            List<ReadProblem> problems = new ArrayList<>();
            scan.scan(problems);
            TaskCgroups.Members m = scan.members("pids", "/" + name);
            assertEquals(List.of((int) p.pid()), m.processes());
            assertEquals(ids(g.resolve("tasks")), m.threads());
            assertEquals(ids(g.resolve("cgroup.procs")), m.processes());
            p.destroyForcibly().waitFor();
            scan.scan(problems);
            assertEquals(TaskCgroups.Members.NONE, scan.members("pids", "/" + name), "an exited task leaves the group");
        }
    }

    @Test
    void theTaskScanSeesAThreadStartedLaterInAKnownProcess(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(PIDS);
        String name = LiveCgroups.newName();
        Path g = live.mkdir(PIDS, name);
        // The second thread starts when the test writes a line, and python says "started"
        // once it runs (no sleeps a loaded machine can outlast). The interpreter itself, not
        // a version-manager shim whose helper processes would join the group meanwhile.
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", "import sys, threading, time\n"
                    + "print('ready', flush=True)\n"
                    + "sys.stdin.readline()\n"
                    + "t = threading.Thread(target=time.sleep, args=(60,))\nt.start()\n"
                    + "print('started', flush=True)\nt.join()\n").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            System.out.println("SKIPPED: no python3 to start a second thread later: " + e.getMessage());
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no python3");
            return;
        }
        live.own(p);
        java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("ready", out.readLine());
        live.moveInto(g, p.pid());
        try (TaskCgroups scan = new TaskCgroups(ProcFs.live(), 4096)) {
            List<ReadProblem> problems = new ArrayList<>();
            scan.scan(problems);
            assertEquals(List.of((int) p.pid()), scan.members("pids", "/" + name).threads());
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
            assertEquals("started", out.readLine());
            scan.scan(problems);
            assertEquals(2, scan.members("pids", "/" + name).threads().size(), "the new thread");
            assertEquals(ids(g.resolve("tasks")), scan.members("pids", "/" + name).threads());
            assertEquals(List.of((int) p.pid()), scan.members("pids", "/" + name).processes());
        }
    }

    /** Reads the counter until it exceeds {@code floor}, for at most 30 s; returns the last value. */
    private long awaitAbove(KeptFiles files, KeptFiles.Handle h, long floor) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long v = Long.parseLong(read(files, h));
        while (v <= floor && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = Long.parseLong(read(files, h));
        }
        return v;
    }

    private static List<Integer> ids(Path file) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                out.add(Integer.parseInt(l.strip()));
            }
        }
        out.sort(null);
        return out;
    }
}
