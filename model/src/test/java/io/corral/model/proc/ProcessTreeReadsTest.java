package io.corral.model.proc;

import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What namespaces and checkpointing read through {@link ProcFs}: stat's parent, group and
 * session, status's NSpid and VmRSS, children and whole subtrees, fd targets, ns links.
 */
class ProcessTreeReadsTest {
    @TempDir
    Path dir;

    private static String stat(String pidAndComm, String state, int ppid, int pgrp, int session) {
        return pidAndComm + " " + state + " " + ppid + " " + pgrp + " " + session
                + " 0 -1 4194560 0 0 0 0 1 1 0 0 20 0 1 0 100 1000000 50 0\n";
    }

    @Test
    void statGivesParentProcessGroupAndSessionCountedFromTheLastParenthesis() throws Exception {
        Object[][] table = {
                {"42 (sleep)", "sleep", 1, 42, 42},
                {"7 (a) b (c))", "a) b (c)", 3, 5, 6},
                {"9 (with space)", "with space", 2, 9, 2},
        };
        for (Object[] row : table) {
            ProcStat s = ProcStat.parse(stat((String) row[0], "S", (int) row[2], (int) row[3], (int) row[4]));
            assertEquals(row[1], s.comm(), (String) row[0]);
            assertEquals(List.of(row[2], row[3], row[4]), List.of(s.ppid(), s.pgrp(), s.session()), (String) row[0]);
        }
    }

    @Test
    void stoppedMeansStoppedBySignalOrTracerAndExitedMeansZombieOrDead() {
        for (ProcessState s : ProcessState.values()) {
            assertEquals(s == ProcessState.STOPPED || s == ProcessState.TRACED, s.stopped(), s.name());
            assertEquals(s == ProcessState.ZOMBIE || s == ProcessState.DEAD, s.exited(), s.name());
        }
    }

    @Test
    void statusFieldsAreAbsentWhenTheirLineIsAbsentOrMalformed() {
        Object[][] table = {
                {"Name:\tw\nUid:\t1000\t1000\t1000\t1000\nNSpid:\t100\t1\nVmRSS:\t    2048 kB\n",
                        new ProcStatus("w", OptionalInt.of(1000), List.of(100L, 1L), OptionalLong.of(2048 * 1024))},
                // A kernel thread: no VmRSS; an old kernel: no NSpid.
                {"Name:\tkthreadd\nUid:\t0\t0\t0\t0\n", new ProcStatus("kthreadd", OptionalInt.of(0), List.of(),
                        OptionalLong.empty())},
                {"Uid:\tx\nNSpid:\t1 y\nVmRSS:\tlots kB", new ProcStatus("", OptionalInt.empty(), List.of(),
                        OptionalLong.empty())},
                {"", new ProcStatus("", OptionalInt.empty(), List.of(), OptionalLong.empty())},
        };
        for (Object[] row : table) {
            assertEquals(row[1], ProcStatus.parse((String) row[0]), (String) row[0]);
        }
    }

    @Test
    void readsStatusCgroupsChildrenAndTheSubtreeFromAFixtureProc() throws Exception {
        FixtureHost host = FixtureHost.legacy(dir);
        host.processEntry(100, 1, 100, "parent", "freezer:/corral-test-a", 2048);
        host.processEntry(101, 100, 100, "child", "freezer:/corral-test-a", 10);
        host.processEntry(102, 101, 100, "grandchild", "freezer:/corral-test-a", 10);
        host.file("/proc/100/task/100/children", "101 ");
        host.file("/proc/101/task/101/children", "102 103");
        ProcFs proc = new ProcFs(host.root());
        assertEquals(Optional.of(List.of(100L)), proc.status(100).map(ProcStatus::nsPids));
        assertEquals(OptionalLong.of(2048 * 1024), proc.status(100).orElseThrow().vmRss());
        assertEquals(Map.of("freezer", "/corral-test-a"), proc.cgroups(100));
        assertEquals(Optional.of("child"), proc.comm(101));
        assertEquals(List.of(101L), proc.children(100));
        assertEquals(List.of(100L, 101L, 102L), proc.subtree(100), "103 is gone: left out");
        assertTrue(proc.alive(101));
        assertFalse(proc.isLive());
    }

    @Test
    void aVanishedProcessReadsAsEmptyEverywhere() throws Exception {
        ProcFs proc = new ProcFs(FixtureHost.legacy(dir).root());
        assertEquals(Optional.empty(), proc.status(999));
        assertEquals(Optional.empty(), proc.comm(999));
        assertEquals(Map.of(), proc.cgroups(999));
        assertEquals(List.of(), proc.children(999));
        assertEquals(List.of(), proc.subtree(999));
        assertEquals(List.of(), proc.fdTargets(999));
        assertEquals(Optional.empty(), proc.namespaceLink(999, "net"));
        assertFalse(proc.alive(999));
    }

    @Test
    void aZombieIsNotAlive() throws Exception {
        FixtureHost host = FixtureHost.legacy(dir);
        host.process(300).state('Z').write();
        assertFalse(new ProcFs(host.root()).alive(300));
    }

    @Test
    void fdTargetsAndNamespaceLinksAreTheLinksTargets() throws Exception {
        FixtureHost host = FixtureHost.legacy(dir);
        host.processEntry(100, 1, 100, "w", "freezer:/", 1);
        Files.createSymbolicLink(host.path("/proc/100/fd/3"), Path.of("socket:[4242]"));
        Files.createSymbolicLink(host.path("/proc/100/fd/4"), Path.of("anon_inode:[io_uring]"));
        Files.createDirectories(host.path("/proc/100/ns"));
        Files.createSymbolicLink(host.path("/proc/100/ns/net"), Path.of("net:[4026531840]"));
        ProcFs proc = new ProcFs(host.root());
        assertEquals(List.of("anon_inode:[io_uring]", "socket:[4242]"), proc.fdTargets(100).stream().sorted().toList());
        assertEquals(Optional.of("net:[4026531840]"), proc.namespaceLink(100, "net"));
    }

    @Test
    void writesGoOnlyToTheUserNamespaceFiles() throws Exception {
        ProcFs proc = new ProcFs(FixtureHost.legacy(dir).root());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> proc.writeUserNamespaceFile(1, "oom_score_adj", "1000"));
        assertTrue(e.getMessage().contains("uid_map, gid_map, setgroups"), e.getMessage());
    }
}
