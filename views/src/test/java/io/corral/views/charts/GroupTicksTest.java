package io.corral.views.charts;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupTicksTest {

    private static GroupTick web(HostSnapshot s) {
        return GroupTicks.of(s, Rates.between(s, s)).stream()
                .filter(t -> t.identity().startsWith("/web ")).findFirst().orElseThrow();
    }

    @Test
    void aHybridGroupTakesEachNumberFromTheHierarchyThatHasIt(@TempDir Path dir) throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.hybrid(dir).root()).read();
        GroupTick t = web(s);
        assertEquals(50.0, t.cpu().quotaPercent().getAsDouble(), 1e-9, "cpu.cfs_quota_us 50000 / 100000");
        assertEquals(7, t.cpu().nrThrottled().getAsLong(), "cpu.stat nr_throttled of the v1 cpu hierarchy");
        assertEquals(52428800.0, t.memory().current());
        assertEquals(268435456.0, t.memory().max().getAsDouble());
        assertTrue(t.memory().high().isEmpty(), "v1 has no memory.high");
        assertEquals(3, t.memory().maxEvents().getAsLong(), "v1 memory.failcnt stands for max events");
        assertEquals(4.0, t.pids().current());
        assertEquals(64.0, t.pids().max().getAsDouble());
        assertEquals(1.5, t.pressure().cpuSome(), 1e-9, "cpu.pressure of the cgroup2 hierarchy");
        assertEquals(0.0, t.pressure().memorySome(), "a cgroup2 group always has memory.pressure");
    }

    @Test
    void aUnifiedGroupHasMemoryEventsAndHigh(@TempDir Path dir) throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.unified(dir).root()).read();
        GroupTick t = web(s);
        assertEquals(201326592.0, t.memory().high().getAsDouble());
        assertEquals(12, t.memory().highEvents().getAsLong());
        assertEquals(1, t.memory().maxEvents().getAsLong());
        assertEquals(0, t.memory().oomEvents().getAsLong());
    }

    @Test
    void theIdentityNamesEveryHierarchysInode(@TempDir Path dir) throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.hybrid(dir).root()).read();
        String id = GroupTicks.identity(s, GroupPath.ofKernel("/web")).orElseThrow();
        assertEquals(web(s).identity(), id);
        assertTrue(id.contains(" cpu#") && id.contains(" memory#") && id.contains(" unified#"), id);
        assertTrue(GroupTicks.identity(s, GroupPath.ofKernel("/nowhere")).isEmpty());
    }
}
