package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pre-flight on a fixture host: v1 freezer and cpu groups, processes described in a fixture /proc. */
class PreflightCheckTest {
    static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path tmp;
    FixtureHost host;

    @BeforeEach
    void host() throws Exception {
        host = FixtureHost.legacy(tmp.resolve("host"));
        process(SELF, 1, SELF, "java", "freezer:/", 0);
    }

    private void process(long pid, long ppid, long sid, String comm, String cgroupLine, long rssKb) {
        host.processEntry(pid, ppid, sid, comm, cgroupLine, rssKb);
    }

    private void group(String controller, long... pids) {
        StringBuilder sb = new StringBuilder();
        for (long p : pids) {
            sb.append(p).append('\n');
        }
        host.group("/sys/fs/cgroup/" + controller + "/corral-test-p", "cgroup.procs", sb.toString());
    }

    private void fd(long pid, int fd, String target) throws Exception {
        Files.createSymbolicLink(host.path("/proc/" + pid + "/fd/" + fd), Path.of(target));
    }

    /** A parent 100 (its own session) with child 101, in freezer and cpu. */
    private void twoProcessTree() throws Exception {
        process(100, 50, 100, "parent", "freezer:/corral-test-p", 1000);
        process(101, 100, 100, "child", "freezer:/corral-test-p", 500);
        host.file("/proc/100/task/100/children", "101 ");
        group("freezer", 100, 101);
        group("cpu", 100, 101);
    }

    private Preflight run(String spec) throws Exception {
        return new PreflightCheck(host.fs(), new ProcFs(host.root()), new HierarchyDiscovery(host.fs()).discover(), tmp.resolve("catalog"))
                .run(GroupSpec.parse(spec));
    }

    @Test
    void oneTreeInFreezerAndCpuIsReady() throws Exception {
        twoProcessTree();
        Preflight pf = run("/corral-test-p");
        assertEquals(List.of(), pf.reasons(CheckpointOptions.DEFAULT));
        assertEquals(Optional.of(100L), pf.root());
        assertEquals(List.of(100L, 101L), pf.tree());
        assertEquals(List.of("cpu", "freezer"), pf.places().stream().map(p -> p.hierarchy().id()).sorted().toList());
        assertEquals("freezer", pf.freezer().orElseThrow().hierarchy().id());
        assertEquals((1 << 20) + 1500 * 1024 + 150 * 1024, pf.estimatedBytes(), "RSS sum plus a tenth plus 1 MiB");
        assertFalse(pf.pidNamespace());
    }

    @Test
    void twoTreesAreNamedByTheirRoots() throws Exception {
        twoProcessTree();
        process(200, 1, 200, "other", "freezer:/corral-test-p", 10);
        group("freezer", 100, 101, 200);
        group("cpu", 100, 101, 200);
        List<String> r = run("/corral-test-p").reasons(CheckpointOptions.DEFAULT);
        assertEquals(List.of("the group's processes form 2 trees (roots [100, 200]); CRIU dumps one tree: move the others out"), r);
    }

    @Test
    void theConsoleInsideTheGroupIsRefused() throws Exception {
        twoProcessTree();
        process(SELF, 1, SELF, "java", "freezer:/corral-test-p/inner", 0);
        assertTrue(run("freezer:/corral-test-p").problems().stream().anyMatch(p -> p.contains("the console itself (PID "
                + SELF + ") is inside freezer:/corral-test-p")));
    }

    @Test
    void taskOutsideTheFreezerGroupIsReported() throws Exception {
        twoProcessTree();
        process(102, 100, 100, "stray", "freezer:/", 10);
        group("cpu", 100, 101, 102);
        assertTrue(run("/corral-test-p").problems().contains(
                "processes [102] are in the group but not in its freezer group freezer:/corral-test-p, so they would not be frozen"));
    }

    @Test
    void criuInsideTheGroupIsRefused() throws Exception {
        twoProcessTree();
        process(101, 100, 100, "criu", "freezer:/corral-test-p", 500);
        assertTrue(run("/corral-test-p").problems().contains(
                "CRIU itself (PID [101]) runs inside the group; wait for it to end or move it out"));
    }

    @Test
    void descendantOutsideTheGroupIsReported() throws Exception {
        twoProcessTree();
        process(103, 101, 100, "escaped", "freezer:/", 10);
        host.file("/proc/101/task/101/children", "103");
        assertTrue(run("/corral-test-p").problems().contains(
                "processes [103] descend from 100 but are not in the group (they would be dumped unfrozen)"));
    }

    @Test
    void sessionLeaderOutsideTheTreeIsReported() throws Exception {
        twoProcessTree();
        process(100, 50, 77, "parent", "freezer:/corral-test-p", 1000);
        host.file("/proc/100/task/100/children", "101 ");
        assertTrue(run("/corral-test-p").problems().contains(
                "the session leader 77 of 100 is outside the tree (start it with setsid)"));
    }

    @Test
    void establishedTcpBlocksUnlessChosenAndIoUringAlwaysBlocks() throws Exception {
        twoProcessTree();
        fd(101, 3, "socket:[5555]");
        fd(100, 4, "anon_inode:[io_uring]");
        host.file("/proc/100/net/tcp", String.join("\n",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1",
                "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 5555 1", ""));
        Preflight pf = run("/corral-test-p");
        assertEquals(List.of(Preflight.Kind.IO_URING, Preflight.Kind.TCP_ESTABLISHED),
                pf.blockers().stream().map(Preflight.Blocker::kind).toList());
        assertEquals(2, pf.reasons(CheckpointOptions.DEFAULT).size());
        assertEquals(List.of("io_uring instance in PID 100 (anon_inode:[io_uring])"),
                pf.reasons(new CheckpointOptions(false, true, false, "")));
    }

    @Test
    void missingGroupAndRootGroupAreRefused() throws Exception {
        assertEquals(List.of("group /corral-test-none does not exist in any hierarchy"),
                run("/corral-test-none").problems());
        assertTrue(run("freezer:/").problems().get(0).startsWith("the root group holds every process"));
    }

    @Test
    void emptyGroupIsRefused() throws Exception {
        group("freezer");
        assertEquals(List.of("group freezer:/corral-test-p has no processes"), run("freezer:/corral-test-p").problems());
    }
}
