package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.proc.ProcCgroups;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsV1CpuLimitsInWritingOrderAndSkipsEmptyFiles() throws Exception {
        FixtureHost host = FixtureHost.hybrid(tmp);
        host.group("/sys/fs/cgroup/cpu/corral-test-a", "cpu.cfs_quota_us", "50000\n", "cpu.cfs_period_us", "100000\n",
                "cpu.shares", "512\n");
        host.group("/sys/fs/cgroup/cpuset/corral-test-a", "cpuset.cpus", "\n", "cpuset.mems", "0\n");
        List<Hierarchy> hs = new HierarchyDiscovery(host.fs()).discover();
        LimitFiles limits = new LimitFiles(host.fs());
        Map<String, String> cpu = limits.read(place(hs, "cpu", "/corral-test-a"));
        assertEquals(List.of("cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.shares"), List.copyOf(cpu.keySet()));
        assertEquals("50000", cpu.get("cpu.cfs_quota_us"));
        assertEquals(Map.of("cpuset.mems", "0"), limits.read(place(hs, "cpuset", "/corral-test-a")));
    }

    @Test
    void v2FilesIncludeMemoryPidsAndCpuMax() throws Exception {
        FixtureHost host = FixtureHost.unified(tmp);
        host.group("/sys/fs/cgroup/corral-test-b", "memory.max", "268435456\n", "pids.max", "64\n", "cpu.max", "max 100000\n");
        List<Hierarchy> hs = new HierarchyDiscovery(host.fs()).discover();
        Map<String, String> m = new LimitFiles(host.fs()).read(new GroupPlace(hs.get(0), GroupPath.ofKernel("/corral-test-b")));
        assertEquals(List.of("cpu.max", "memory.max", "pids.max"), List.copyOf(m.keySet()));
    }

    @Test
    void applyWritesEveryValueAndReportsRefusals() throws Exception {
        FixtureHost host = FixtureHost.hybrid(tmp);
        Path g = host.group("/sys/fs/cgroup/cpu/corral-test-c", "cpu.cfs_quota_us", "-1\n", "cpu.cfs_period_us", "100000\n");
        List<Hierarchy> hs = new HierarchyDiscovery(host.fs()).discover();
        Map<String, String> rec = new LinkedHashMap<>();
        rec.put("cpu.cfs_period_us", "100000");
        rec.put("cpu.cfs_quota_us", "50000");
        rec.put("cpu.shares", "512"); // no such file in the fixture: refused with ENOENT
        List<LimitFiles.Write> w = new LimitFiles(host.fs()).apply(place(hs, "cpu", "/corral-test-c"), rec);
        assertEquals("50000", Files.readString(g.resolve("cpu.cfs_quota_us")));
        assertEquals(3, w.size());
        LimitFiles.Write refused = w.stream().filter(x -> !x.applied()).findFirst().orElseThrow();
        assertEquals("cpu.shares", refused.file());
        assertTrue(refused.error().orElseThrow().contains("ENOENT"), refused.error().toString());
    }

    @Test
    void pathOfFindsEachHierarchyInProcCgroupByItsId() throws Exception {
        FixtureHost host = FixtureHost.hybrid(tmp);
        List<Hierarchy> hs = new HierarchyDiscovery(host.fs()).discover();
        Map<String, String> procCgroup = ProcCgroups.parse("9:freezer:/corral-test-a\n1:name=systemd:/init.scope\n0::/x/y\n");
        Hierarchy freezer = hs.stream().filter(h -> h.has("freezer")).findFirst().orElseThrow();
        Hierarchy systemd = hs.stream().filter(h -> h.id().equals("name=systemd")).findFirst().orElseThrow();
        Hierarchy unified = hs.stream().filter(Hierarchy::isV2).findFirst().orElseThrow();
        Hierarchy cpu = hs.stream().filter(h -> h.has("cpu")).findFirst().orElseThrow();
        assertEquals(Optional.of(GroupPath.ofKernel("/corral-test-a")), GroupPlace.pathOf(procCgroup, freezer));
        assertEquals(Optional.of(GroupPath.ofKernel("/init.scope")), GroupPlace.pathOf(procCgroup, systemd));
        assertEquals(Optional.of(GroupPath.ofKernel("/x/y")), GroupPlace.pathOf(procCgroup, unified));
        assertEquals(Optional.empty(), GroupPlace.pathOf(procCgroup, cpu));
    }

    private static GroupPlace place(List<Hierarchy> hs, String controller, String path) {
        return new GroupPlace(hs.stream().filter(h -> h.has(controller)).findFirst().orElseThrow(), GroupPath.ofKernel(path));
    }
}
