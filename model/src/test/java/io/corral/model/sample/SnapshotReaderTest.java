package io.corral.model.sample;

import io.corral.model.cgroup.CgroupLayout;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotReaderTest {
    @TempDir
    Path dir;

    @Test
    void wholeHostWithProcessesAndFacts() throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.hybrid(dir).root()).read();
        assertEquals(CgroupLayout.HYBRID, s.layout());
        assertEquals("fixture-host", s.hostName());
        assertEquals("6.1.0-fixture", s.kernelRelease());
        assertEquals(2, s.cpuCount());
        assertEquals(Golden.FIXED, s.taken());
        assertEquals(10, s.hierarchies().size());
        assertEquals(List.of(1, 2, 77, 900, 4242), List.copyOf(s.processes().keySet()));
        assertEquals(Optional.of("/web"), s.process(4242).orElseThrow().cgroup("unified"));
        assertTrue(s.group("memory", GroupPath.ofKernel("/web")).isPresent());
    }

    @Test
    void oneReaderSeesTheMountTableAndHostNameChangeBetweenReadings() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        SnapshotReader reader = Golden.reader(host.root());
        HostSnapshot first = reader.read(Optional.empty(), false);
        assertEquals(List.of("unified"), first.hierarchies().stream().map(t -> t.hierarchy().id()).toList());
        assertEquals("fixture-host", first.hostName());
        assertEquals(first.hierarchies().get(0).hierarchy(), reader.read(Optional.empty(), false).hierarchies().get(0).hierarchy(),
                "unchanged mount table: the same hierarchies");

        host.group("/sys/fs/cgroup/pids-late", "pids.max", "max\n", "pids.current", "0\n", "tasks", "", "cgroup.procs", "");
        host.mountinfoLine("99 31 0:99 / /sys/fs/cgroup/pids-late rw,relatime - cgroup cgroup rw,pids");
        host.file("/proc/sys/kernel/hostname", "renamed-host\n");
        HostSnapshot after = reader.read(Optional.empty(), false);
        assertEquals(List.of("unified", "pids"), after.hierarchies().stream().map(t -> t.hierarchy().id()).toList(),
                "a hierarchy mounted between readings");
        assertEquals("renamed-host", after.hostName());
    }

    @Test
    void aScopeKeepsOnlyHierarchiesThatHaveTheGroup() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        HostSnapshot s = Golden.reader(host.root()).read(Optional.of(GroupSpec.parse("/web")), false);
        // /web exists in cpu, cpuacct, memory, freezer, blkio, pids, cpuset and unified; not in devices or systemd.
        assertEquals(List.of("unified", "blkio", "cpu", "cpuacct", "cpuset", "freezer", "memory", "pids"),
                s.hierarchies().stream().map(t -> t.hierarchy().id()).toList());
        assertTrue(s.processes().isEmpty(), "read without processes");
        assertTrue(s.hierarchies().stream().allMatch(t -> t.root().path().toString().equals("/web")));
    }

    @Test
    void anUnknownSelectorIsAProblemNotAnException() throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.unified(dir).root())
                .read(Optional.of(GroupSpec.parse("blkio:/web")), false);
        assertTrue(s.hierarchies().isEmpty());
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).reason().contains("no mounted hierarchy has \"blkio\""), s.problems().toString());
    }

    @Test
    void aPhasedReadingHandsOverNamesThenEachHierarchyThenTheWholeSnapshot() throws Exception {
        List<HostSnapshot> partials = new java.util.ArrayList<>();
        Path root = FixtureScenes.hybrid(dir).root();
        HostSnapshot whole = Golden.reader(root).read(Optional.empty(), true, partials::add);
        HostSnapshot plain = Golden.reader(root).read();
        List<String> ids = whole.hierarchies().stream().map(t -> t.hierarchy().id()).toList();
        assertEquals(ids.size() + 1, partials.size(), "names, then one per hierarchy");
        assertEquals(plain.hierarchies(), whole.hierarchies(), "the same as an unphased reading");
        assertEquals(plain.processes(), whole.processes());
        assertEquals(plain.problems(), whole.problems());
        assertFalse(whole.partial());
        for (int i = 0; i < partials.size(); i++) {
            HostSnapshot p = partials.get(i);
            assertTrue(p.partial());
            assertTrue(p.processes().isEmpty(), "processes come last");
            assertEquals(ids, p.hierarchies().stream().map(t -> t.hierarchy().id()).toList());
            assertEquals(java.util.Set.copyOf(ids.subList(i, ids.size())), p.namesOnly(), "step " + i);
            for (var t : p.hierarchies()) {
                var read = whole.hierarchy(t.hierarchy().id()).orElseThrow();
                assertEquals(paths(read.root()), paths(t.root()), "every group is there from the first step");
                if (p.namesOnly(t.hierarchy().id())) {
                    // Absent, not zero: nothing of a group known by name is made up.
                    assertTrue(t.root().flatten().stream().allMatch(g -> g.usage().equals(
                            io.corral.model.usage.GroupUsage.NONE) && g.limits().equals(io.corral.model.limit.GroupLimits.NONE)
                            && g.processes().isEmpty() && g.threads().isEmpty() && g.freezer().isEmpty()), t.hierarchy().id());
                } else {
                    assertEquals(read, t, "a hierarchy once read is the one the whole snapshot has");
                }
            }
        }
        var web = whole.group("memory", GroupPath.ofKernel("/web")).orElseThrow();
        assertTrue(web.processes().isPresent() && web.limits() != io.corral.model.limit.GroupLimits.NONE,
                "the fixture's groups do have members and limits, so the checks above can fail");
    }

    @Test
    void aSnapshotWithUnreadGroupsMustBePartial() throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.unified(dir).root()).read();
        assertThrows(IllegalArgumentException.class, () -> new HostSnapshot(s.taken(), s.monotonicNanos(), s.hostName(),
                s.kernelRelease(), s.cpuCount(), s.layout(), s.hierarchies(), s.processes(), s.problems(),
                java.util.Set.of("unified"), false));
    }

    private static List<String> paths(io.corral.model.cgroup.Group root) {
        return root.flatten().stream().map(g -> g.path() + "@" + g.inode()).toList();
    }
}
