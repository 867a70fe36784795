package io.corral.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TasksTest {
    @TempDir
    Path proc;

    @Test
    void statFieldsStartAfterTheLastParenthesisOfComm() {
        Object[][] table = {
                {"42 (sleep) S 1 42 42 0 -1", new Tasks.Stat(42, "sleep", 'S', 1, 42, 42)},
                {"7 (a) b (c)) T 3 5 6 0", new Tasks.Stat(7, "a) b (c)", 'T', 3, 5, 6)},
                {"9 (with space) t 2 9 2", new Tasks.Stat(9, "with space", 't', 2, 9, 2)},
        };
        for (Object[] row : table) {
            assertEquals(Optional.of(row[1]), Tasks.parseStat((String) row[0]), (String) row[0]);
        }
        assertEquals(Optional.empty(), Tasks.parseStat("garbage"));
        assertTrue(Tasks.parseStat("9 (x) t 2 9 2").orElseThrow().stopped());
    }

    @Test
    void readsNsPidRssCgroupsAndChildrenFromFixtureProc() throws Exception {
        Path p = Files.createDirectories(proc.resolve("100/task/100"));
        Files.writeString(proc.resolve("100/status"), "Name:\tw\nNSpid:\t100\t1\nVmRSS:\t    2048 kB\n");
        Files.writeString(proc.resolve("100/cgroup"), "6:freezer:/corral-test-a\n1:cpu,cpuacct:/x\n0::/\n");
        Files.writeString(p.resolve("children"), "101 102 ");
        Tasks t = new Tasks(proc);
        assertEquals(List.of(100L, 1L), t.nsPids(100));
        assertEquals(OptionalLong.of(2048 * 1024), t.rssBytes(100));
        assertEquals(Map.of("freezer", "/corral-test-a", "cpu,cpuacct", "/x", "", "/"), t.cgroups(100));
        assertEquals(List.of(101L, 102L), t.children(100));
        assertEquals(List.of(), t.nsPids(999), "a vanished process reads as empty");
        assertEquals(OptionalLong.empty(), t.rssBytes(999));
    }
}
