package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.PidList;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The libc reads of the tracking sampler on the live kernel (root; skipped with the reason
 * otherwise): hot files of every type re-read through the same kept fd give fresh values,
 * a removed group's kept fds read as absent (ENODEV) and its directory as gone, a recreated
 * group has a new inode, and the getdents64 listing of /proc finds the processes we started.
 * Every group is a corral-test-* group of ours; only processes we started are moved.
 */
@ExtendWith(LiveCgroups.class)
class CounterFilesLiveTest {
    private static final Path ROOT = LiveCgroups.CGROUP_ROOT;

    private final List<ReadProblem> problems = new ArrayList<>();

    private static TrackedNode node(CounterFiles c, Path dir, String... hot) throws Exception {
        byte[] d = c.dirBytes(dir);
        return new TrackedNode(null, GroupPath.ROOT, d, "/", 1, 0, c.handles(d, CounterFiles.suffixes(List.of(hot))));
    }

    /** The hot file's text, read again through its kept fd. */
    private static String text(CounterFiles c, TrackedNode n, int i) throws Exception {
        return c.text(n.hot[i]).strip();
    }

    private static long firstNumber(String text, String key) {
        for (String line : text.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length == 2 && w[0].equals(key)) {
                return Long.parseLong(w[1]);
            }
        }
        throw new AssertionError(key + " not in " + text);
    }

    @Test
    void everyHotFileTypeIsFreshThroughTheSameKeptFd(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        for (String h : List.of("cpu", "cpuacct", "memory", "pids", "freezer")) {
            LiveCgroups.assumeHierarchy(ROOT.resolve(h));
        }
        String name = LiveCgroups.newName();
        Path cpu = live.mkdir(ROOT.resolve("cpu"), name);
        Path cpuacct = live.mkdir(ROOT.resolve("cpuacct"), name);
        Path memory = live.mkdir(ROOT.resolve("memory"), name);
        Path pids = live.mkdir(ROOT.resolve("pids"), name);
        Path freezer = live.mkdir(ROOT.resolve("freezer"), name);
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "50000"); // our group: periods are counted
        try (CounterFiles c = new CounterFiles(ROOT, 64)) {
            TrackedNode nCpu = node(c, cpu, "cpu.stat");
            TrackedNode nAcct = node(c, cpuacct, "cpuacct.usage");
            TrackedNode nMem = node(c, memory, "memory.usage_in_bytes");
            TrackedNode nPids = node(c, pids, "pids.current");
            TrackedNode nFrz = node(c, freezer, "freezer.state");
            List<TrackedNode> all = List.of(nCpu, nAcct, nMem, nPids, nFrz);
            for (TrackedNode n : all) {
                c.readHot(n, problems);
                assertTrue(n.hot[0].isKept(), n.hot[0].path() + " kept");
            }
            assertEquals("0", text(c, nPids, 0));
            assertEquals("THAWED", text(c, nFrz, 0));
            // Setting the quota starts the bandwidth timer: nr_periods may already be 1 here,
            // before any task of ours ran (the test once waited for "> 0", saw 1 at once and
            // read the same text through the kept fd: a correct "unchanged").
            long periodsBefore = firstNumber(text(c, nCpu, 0), "nr_periods");
            // A busy loop that also holds ~8 MB of shell variable.
            Process busy = live.start("sh", "-c", "x=$(head -c 8000000 /dev/zero | tr '\\0' a); while :; do :; done");
            for (Path g : List.of(cpu, cpuacct, memory, pids, freezer)) {
                live.moveInto(g, busy.pid());
            }
            // Until the kernel shows the shell's memory and CPU (read fresh, not through the kept
            // fds under test): a fixed sleep was too short on a loaded machine.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline && (Long.parseLong(Files.readString(memory.resolve("memory.usage_in_bytes")).strip()) <= 1_000_000
                    || Long.parseLong(Files.readString(cpuacct.resolve("cpuacct.usage")).strip()) == 0
                    || firstNumber(Files.readString(cpu.resolve("cpu.stat")), "nr_periods") <= periodsBefore)) {
                Thread.sleep(50);
            }
            String before = text(c, nCpu, 0).replace('\n', ' ');
            String fresh = Files.readString(cpu.resolve("cpu.stat")).replace('\n', ' ');
            c.nextTick();
            for (TrackedNode n : List.of(nCpu, nAcct, nMem, nPids)) {
                int result = c.readHot(n, problems);
                assertEquals(CounterFiles.CHANGED, result, n.hot[0].path() + " changed; problems " + problems
                        + "; cpu.stat fresh [" + fresh + "], kept fd just before [" + before + "]");
                assertTrue(n.hot[0].isKept(), "read through the kept fd");
            }
            assertEquals(0, c.readHot(nFrz, problems), "freezer.state: still THAWED");
            assertEquals("1", text(c, nPids, 0));
            assertTrue(firstNumber(text(c, nCpu, 0), "nr_periods") > 0, text(c, nCpu, 0));
            long usage = Long.parseLong(text(c, nAcct, 0));
            assertTrue(usage > 0);
            assertTrue(Long.parseLong(text(c, nMem, 0)) > 1_000_000, "memory.usage_in_bytes " + text(c, nMem, 0));
            Thread.sleep(200);
            c.readHot(nAcct, problems);
            assertTrue(Long.parseLong(text(c, nAcct, 0)) > usage, "cpuacct.usage grows");

            Files.writeString(freezer.resolve("freezer.state"), "FROZEN"); // our group, our process
            for (int i = 0; i < 50 && !text(c, nFrz, 0).equals("FROZEN"); i++) {
                Thread.sleep(20);
                c.readHot(nFrz, problems);
            }
            assertEquals("FROZEN", text(c, nFrz, 0), "freezer.state through the same fd");
            Files.writeString(freezer.resolve("freezer.state"), "THAWED");
            c.readHot(nFrz, problems);
            assertEquals("THAWED", text(c, nFrz, 0));
            assertTrue(problems.isEmpty(), problems.toString());
        }
    }

    @Test
    void v2CountersAreFreshThroughTheSameKeptFd(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        Path unified = Files.exists(ROOT.resolve("unified/cgroup.procs")) ? ROOT.resolve("unified") : ROOT;
        LiveCgroups.assumeHierarchy(unified);
        Path g = live.mkdir(unified, LiveCgroups.newName());
        try (CounterFiles c = new CounterFiles(ROOT, 64)) {
            TrackedNode n = node(c, g, "cpu.stat", "cgroup.events");
            c.readHot(n, problems);
            assertEquals(0, firstNumber(text(c, n, 1), "populated"));
            Process busy = live.start("sh", "-c", "while :; do :; done");
            live.moveInto(g, busy.pid());
            Thread.sleep(300);
            c.nextTick();
            assertEquals(CounterFiles.CHANGED, c.readHot(n, problems));
            long a = firstNumber(text(c, n, 0), "usage_usec");
            assertTrue(a > 0, text(c, n, 0));
            assertEquals(1, firstNumber(text(c, n, 1), "populated"), "cgroup.events through the same fd");
            Thread.sleep(200);
            c.readHot(n, problems);
            assertTrue(firstNumber(text(c, n, 0), "usage_usec") > a, "usage_usec grows");
            assertTrue(n.hot[0].isKept() && n.hot[1].isKept());
        }
    }

    @Test
    void aRemovedGroupReadsAbsentAndIsGoneAndItsRecreationIsAnotherInode(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        String name = LiveCgroups.newName();
        Path g = live.mkdir(ROOT.resolve("pids"), name);
        try (CounterFiles c = new CounterFiles(ROOT, 64)) {
            TrackedNode n = node(c, g, "pids.current", "pids.max");
            c.readHot(n, problems);
            assertTrue(n.hot[0].isKept());
            long inode = c.inode(n.dirBytes);
            assertEquals(Files.getAttribute(g, "unix:ino"), inode);
            assertEquals(2, c.links(), "no subdirectories");
            Files.delete(g);
            assertEquals(CounterFiles.CHANGED | CounterFiles.MAYBE_GONE, c.readHot(n, problems),
                    "the kept fds read ENODEV: absent");
            assertEquals(-1, n.hot[0].lastLength());
            assertEquals(CounterFiles.GONE, c.inode(n.dirBytes));
            byte[][] max = CounterFiles.suffixes(List.of("pids.max"));
            assertEquals(c.fingerprint(n.dirBytes, max), c.fingerprint(n.dirBytes, max),
                    "a removed group's fingerprint is stable (every file absent)");
            live.mkdir(ROOT.resolve("pids"), name);
            long again = c.inode(n.dirBytes);
            assertTrue(again > 0);
            assertNotEquals(inode, again, "kernfs gives the recreated group a new inode");
            assertEquals(CounterFiles.CHANGED, c.readHot(n, problems), "the new group's files, opened again");
            assertEquals("0", text(c, n, 0));
            assertTrue(problems.isEmpty(), problems.toString());
        }
    }

    @Test
    void theProcListingFindsOurProcessesAndTheirThreads(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        Process sleeper = live.start("sleep", "60");
        PidList l = new PidList(Path.of("/proc"));
        List<Integer> pids = new ArrayList<>();
        for (int i = 0, n = l.listProcesses(); i < n; i++) {
            pids.add(l.pid(i));
        }
        assertTrue(pids.contains((int) ProcessHandle.current().pid()), "this JVM");
        assertTrue(pids.contains((int) sleeper.pid()), "the process we started");
        assertEquals(1, l.listThreads((int) sleeper.pid()));
        assertEquals((int) sleeper.pid(), l.tid(0));
        int ours = l.listThreads((int) ProcessHandle.current().pid());
        assertTrue(ours > 5, "a JVM has many threads: " + ours);
        sleeper.destroyForcibly().waitFor();
        assertEquals(-1, l.listThreads((int) sleeper.pid()), "reaped: gone");
    }
}
