package io.corral.views.state;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.proc.ProcessInfo;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's rates of changed groups are the model's rates of whole snapshots, group by group. */
class ChangedRatesTest {
    @TempDir
    Path dir;

    @Test
    void theRatesOfThePairsAreThoseOfWholeSnapshots() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        host.file(host.mount("unified") + "/web/cpu.stat", "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\n");
        host.file(host.mount("cpuacct") + "/web/cpuacct.usage", "2600000000\n");
        host.file(host.mount("cpuacct") + "/cpuacct.usage", "1\n"); // backwards: absent
        host.process(4242).command("sleep", "sleep", "600").uid(1000).cpuTicks(112, 3).in("unified", "/web").write();
        HostSnapshot read = Golden.reader(host.root()).read();
        // Started 2 s later; the unified hierarchy read 3 s after it was last time.
        Map<String, Long> times = new HashMap<>();
        a.readNanos().forEach((k, v) -> times.put(k, v + 2_000_000_000L));
        times.put("unified", a.readNanos("unified") + 3_000_000_000L);
        HostSnapshot b = new HostSnapshot(read.taken(), a.monotonicNanos() + 2_000_000_000L, read.hostName(),
                read.kernelRelease(), read.cpuCount(), read.layout(), read.hierarchies(), read.processes(), List.of(),
                Set.of(), false, times);

        ChangedRates pairs = new ChangedRates();
        List<String[]> added = new ArrayList<>();
        for (HierarchyTree t : b.hierarchies()) {
            List<Group> groups = new ArrayList<>();
            collect(t.root(), groups);
            for (Group now : groups) {
                Optional<Group> was = a.group(t.hierarchy().id(), now.path());
                if (was.isPresent()) {
                    pairs.add(t.hierarchy(), was.get(), now);
                    added.add(new String[] {t.hierarchy().id(), now.path().toString()});
                }
            }
        }
        assertEquals(added.size(), pairs.size());
        assertTrue(pairs.size() > 20, "more pairs than the first arrays hold: " + pairs.size());
        Rates mine = pairs.between(a, b);
        Rates whole = Rates.between(a, b);
        assertEquals(whole.seconds(), mine.seconds());
        for (HierarchyTree t : b.hierarchies()) {
            List<Group> groups = new ArrayList<>();
            collect(t.root(), groups);
            for (Group g : groups) {
                assertEquals(whole.group(t.hierarchy().id(), g.path()), mine.group(t.hierarchy().id(), g.path()),
                        t.hierarchy().id() + " " + g.path());
            }
        }
        assertTrue(mine.group("unified", io.corral.model.cgroup.GroupPath.ofKernel("/web")).orElseThrow()
                .cpuPercentOfCore().isPresent());
        for (ProcessInfo p : b.processes().values()) {
            assertEquals(whole.processCpuPercent(p.pid()), mine.processCpuPercent(p.pid()), "pid " + p.pid());
        }
        assertTrue(mine.processCpuPercent(4242).orElseThrow() > 0, "a process that ran");
    }

    @Test
    void noTimeBetweenTheSnapshotsGivesNoRates() throws Exception {
        HostSnapshot a = Golden.reader(FixtureScenes.hybrid(dir).root()).read();
        ChangedRates pairs = new ChangedRates();
        HierarchyTree t = a.hierarchies().get(0);
        pairs.add(t.hierarchy(), t.root(), t.root());
        assertTrue(pairs.between(a, a).group(t.hierarchy().id(), t.root().path()).isEmpty());
    }

    private static void collect(Group g, List<Group> out) {
        out.add(g);
        g.children().forEach(c -> collect(c, out));
    }
}
