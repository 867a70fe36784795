package io.corral.model.cgroup;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HierarchyDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void hybridHostHasNineV1HierarchiesAndTheUnifiedOne() throws Exception {
        List<Hierarchy> hs = new HierarchyDiscovery(FixtureHost.hybrid(dir).fs()).discover();
        assertEquals(10, hs.size());
        assertEquals("unified", hs.get(0).id());
        assertEquals(List.of("hugetlb"), hs.get(0).controllers());
        assertEquals("/sys/fs/cgroup/unified", hs.get(0).mount());
        assertTrue(hs.stream().anyMatch(h -> h.id().equals("name=systemd") && h.controllers().isEmpty()));
        assertEquals(CgroupLayout.HYBRID, CgroupLayout.of(hs));
    }

    @Test
    void unifiedHostHasOneHierarchyWithItsControllers() throws Exception {
        List<Hierarchy> hs = new HierarchyDiscovery(FixtureHost.unified(dir).fs()).discover();
        assertEquals(1, hs.size());
        assertTrue(hs.get(0).has("memory"));
        assertEquals(CgroupLayout.UNIFIED, CgroupLayout.of(hs));
    }

    @Test
    void legacyHostHasNoV2() throws Exception {
        assertEquals(CgroupLayout.LEGACY, CgroupLayout.of(new HierarchyDiscovery(FixtureHost.legacy(dir).fs()).discover()));
    }

    @Test
    void coMountedControllersFormOneHierarchy() {
        Hierarchy h = HierarchyDiscovery.parseLine(
                "35 31 0:31 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpuacct,cpu").orElseThrow();
        assertEquals("cpu,cpuacct", h.id());
        assertEquals(List.of("cpu", "cpuacct"), h.controllers());
    }

    @Test
    void mountPointEscapesAreDecoded() {
        Hierarchy h = HierarchyDiscovery.parseLine(
                "35 31 0:31 / /mnt/my\\040cg rw - cgroup2 cgroup2 rw").orElseThrow();
        assertEquals("/mnt/my cg", h.mount());
    }

    @Test
    void malformedAndForeignLinesAreIgnored() {
        assertTrue(HierarchyDiscovery.parseLine("garbage").isEmpty());
        assertTrue(HierarchyDiscovery.parseLine("22 1 0:5 / /proc rw - proc proc rw").isEmpty());
    }

    @Test
    void liveHostIsDiscovered() throws Exception {
        // Read-only: any Linux host has a mountinfo; on ours the layout is hybrid.
        List<Hierarchy> hs = new HierarchyDiscovery(CgroupFs.live()).discover();
        System.out.println("live hierarchies: " + hs.stream().map(Hierarchy::id).toList()
                + " layout " + CgroupLayout.of(hs));
        for (Hierarchy h : hs) {
            assertTrue(java.nio.file.Files.exists(Path.of(h.mount(), "cgroup.procs")), h.mount() + " has no cgroup.procs");
        }
    }
}
