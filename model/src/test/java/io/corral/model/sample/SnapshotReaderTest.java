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
}
