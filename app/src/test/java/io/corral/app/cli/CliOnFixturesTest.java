package io.corral.app.cli;

import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write commands on pure-v2 and hybrid fixture hosts: exactly these writes, in this order. */
class CliOnFixturesTest {
    @TempDir
    Path dir;

    @Test
    void setOnAPureV2HostWritesTheV2Files() throws Exception {
        CliFixture f = new CliFixture(FixtureHost.unified(dir.resolve("h")), dir.resolve("j.jsonl"));
        f.host.group("/sys/fs/cgroup/corral-test-a", "cpu.max", "max 100000\n", "memory.max", "max\n",
                "pids.max", "max\n", "cgroup.controllers", "cpu memory pids\n");
        assertEquals(0, f.run("set", "/corral-test-a", "cpu.quota=0.5", "memory.max=256M", "pids.max=64"), f.err);
        assertEquals(List.of("sys/fs/cgroup/corral-test-a/cpu.max=50000 100000",
                "sys/fs/cgroup/corral-test-a/memory.max=268435456",
                "sys/fs/cgroup/corral-test-a/pids.max=64"), f.writes);
        assertTrue(f.out.contains("memory.max = 268435456 (256M)"), f.out);
    }

    @Test
    void aV2KnobWhoseControllerIsNotEnabledForTheGroupIsRefusedBeforeWriting() throws Exception {
        CliFixture f = new CliFixture(FixtureHost.unified(dir.resolve("h")), dir.resolve("j.jsonl"));
        f.host.group("/sys/fs/cgroup/corral-test-a", "pids.max", "max\n");
        assertEquals(1, f.run("set", "/corral-test-a", "pids.max=64", "memory.max=1G"));
        assertTrue(f.err.contains("memory controller is not enabled for unified:/corral-test-a"), f.err);
        assertEquals(List.of(), f.writes);
    }

    @Test
    void mkdirOfAPlainPathCreatesTheGroupInEveryHierarchy() throws Exception {
        CliFixture f = new CliFixture(FixtureHost.hybrid(dir.resolve("h")), dir.resolve("j.jsonl"));
        assertEquals(0, f.run("mkdir", "/corral-test-a"), f.err);
        assertEquals(10, f.writes.stream().filter(w -> w.startsWith("mkdir ")).count(), f.writes.toString());
        assertEquals(0, f.run("mkdir", "cpu,pids:/corral-test-b"), f.err);
        assertTrue(Files.isDirectory(f.host.path("/sys/fs/cgroup/cpu/corral-test-b")));
        assertTrue(Files.isDirectory(f.host.path("/sys/fs/cgroup/pids/corral-test-b")));
        assertTrue(!Files.exists(f.host.path("/sys/fs/cgroup/memory/corral-test-b")));
    }

    @Test
    void mkdirThatFailsInOneHierarchyRemovesWhatItCreatedInTheOthers() throws Exception {
        CliFixture f = new CliFixture(FixtureHost.hybrid(dir.resolve("h")), dir.resolve("j.jsonl"));
        f.host.group("/sys/fs/cgroup/pids/corral-test-a");
        assertEquals(1, f.run("mkdir", "cpu,memory,unified,pids:/corral-test-a"));
        assertTrue(f.err.lines().findFirst().orElse("").contains("already exists"), f.err);
        assertTrue(f.err.contains("nothing changed: undid 3 earlier steps"), f.err);
        assertEquals(1, f.err.lines().count(), f.err);
        for (String h : List.of("cpu", "memory", "unified")) {
            assertTrue(!Files.exists(f.host.path("/sys/fs/cgroup/" + h + "/corral-test-a")), h);
        }
        assertTrue(Files.isDirectory(f.host.path("/sys/fs/cgroup/pids/corral-test-a")), "the existing one stays");
    }

    @Test
    void applyDryRunPrintsThePlanAndWritesNothing() throws Exception {
        CliFixture f = new CliFixture(FixtureHost.hybrid(dir.resolve("h")), dir.resolve("j.jsonl"));
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"format\":\"corral-spec/1\",\"hierarchies\":[{\"hierarchy\":\"pids\",\"groups\":["
                + "{\"path\":\"/corral-test-a\",\"limits\":{\"pids.max\":\"64\"}}]}]}");
        assertEquals(0, f.run("apply", spec.toString(), "--dry-run"), f.err);
        assertEquals("plan (2 steps, nothing changed):\n  create group pids:/corral-test-a\n"
                + "  set pids.max=64 on pids:/corral-test-a\n", f.out);
        assertEquals(List.of(), f.writes);
    }
}
