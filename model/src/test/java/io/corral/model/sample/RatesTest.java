package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.corral.model.cgroup.Group;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatesTest {
    @TempDir
    Path dir;

    private static final GroupKey WEB = new GroupKey("unified", GroupPath.ofKernel("/web"));

    /** Snapshot b's content as if read {@code seconds} after a on the monotonic clock (every part of it). */
    private static HostSnapshot after(HostSnapshot a, HostSnapshot b, double seconds) {
        return after(a, b, seconds, seconds);
    }

    /** ... the snapshot started {@code seconds} after a, its unified hierarchy read {@code unifiedSeconds} after a's. */
    private static HostSnapshot after(HostSnapshot a, HostSnapshot b, double seconds, double unifiedSeconds) {
        java.util.Map<String, Long> read = new java.util.HashMap<>();
        a.readNanos().forEach((k, v) -> read.put(k, v + (long) (seconds * 1e9)));
        read.put("unified", a.readNanos("unified") + (long) (unifiedSeconds * 1e9));
        return new HostSnapshot(b.taken(), a.monotonicNanos() + (long) (seconds * 1e9), b.hostName(), b.kernelRelease(),
                b.cpuCount(), b.layout(), b.hierarchies(), b.processes(), b.problems(), java.util.Set.of(), false, read);
    }

    /** The snapshot with each of {@code paths} of the unified hierarchy as a tree of its own (no children). */
    private static HostSnapshot alone(HostSnapshot s, String... paths) {
        io.corral.model.cgroup.HierarchyTree unified = s.hierarchy("unified").orElseThrow();
        java.util.List<io.corral.model.cgroup.HierarchyTree> trees = new java.util.ArrayList<>();
        for (String p : paths) {
            trees.add(new io.corral.model.cgroup.HierarchyTree(unified.hierarchy(),
                    unified.find(GroupPath.ofKernel(p)).orElseThrow().withChildren(java.util.List.of())));
        }
        return new HostSnapshot(s.taken(), s.monotonicNanos(), s.hostName(), s.kernelRelease(), s.cpuCount(), s.layout(),
                trees, s.processes(), s.problems(), java.util.Set.of(), false, s.readNanos());
    }

    @Test
    void severalTreesOfOneHierarchyArePairedByTheirStartPath() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\n");
        HostSnapshot b = after(a, Golden.reader(host.root()).read(), 2, 4);
        // The console computes rates of just the groups that changed, each alone, in any order.
        Rates r = Rates.between(alone(a, "/web", "/batch"), alone(b, "/batch", "/web"));
        assertEquals(25.0, r.group(WEB).orElseThrow().cpuPercentOfCore().orElseThrow(), 1e-9,
                "+1 s of CPU in the 4 s between the unified hierarchy's readings");
        assertTrue(r.group(new GroupKey("unified", GroupPath.ofKernel("/batch"))).isPresent(),
                "the other tree of the same hierarchy keeps its rates");
    }

    @Test
    void aRateDividesByTheTimeBetweenTheReadingsOfItsHierarchyNotOfTheSnapshots() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        assertTrue(a.readNanos().containsKey("unified"), "the reader times each hierarchy: " + a.readNanos());
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\n");
        // The next snapshot started 1 s later but (a slow reading) reached the unified
        // hierarchy 4 s after it did last time: +1 s of CPU time in 4 s is 25 % of a core, not 100 %.
        HostSnapshot b = after(a, Golden.reader(host.root()).read(), 1, 4);
        Rates r = Rates.between(a, b);
        assertEquals(1.0, r.seconds(), 1e-9);
        assertEquals(25.0, r.group(WEB).orElseThrow().cpuPercentOfCore().orElseThrow(), 1e-9);
    }

    @Test
    void cpuAndIoRatesBetweenTwoReadings() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        // +1 s of CPU time and +1 MiB read within 2 s.
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\n");
        host.file("/sys/fs/cgroup/web/io.stat", "8:0 rbytes=1052672 wbytes=8192 rios=11 wios=2 dbytes=0 dios=0\n"
                + "8:16 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n");
        HostSnapshot b = after(a, Golden.reader(host.root()).read(), 2);
        Rates r = Rates.between(a, b);
        GroupRates web = r.group(WEB).orElseThrow();
        assertEquals(50.0, web.cpuPercentOfCore().orElseThrow(), 1e-9);
        assertEquals(25.0, web.cpuPercentOfMachine().orElseThrow(), 1e-9, "2 CPUs in the fixture");
        assertEquals(524288.0, web.readBytesPerSecond().orElseThrow(), 1e-9);
        assertEquals(0.0, web.writeBytesPerSecond().orElseThrow(), 1e-9);
        assertEquals(5.0, web.readOpsPerSecond().orElseThrow(), 1e-9);
    }

    @Test
    void aGroupRecreatedUnderTheSamePathHasNoRates() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        // Remove /batch and make it again: a new inode, counters from zero. The new directory
        // is made while the old one still exists, so ext4 cannot hand back the same inode
        // (kernfs never reuses an id; a fixture's file system would).
        host.cgroup("unified", "/batch-next");
        host.remove("/sys/fs/cgroup/batch");
        java.nio.file.Files.move(host.path("/sys/fs/cgroup/batch-next"), host.path("/sys/fs/cgroup/batch"));
        HostSnapshot b = after(a, Golden.reader(host.root()).read(), 1);
        GroupKey batch = new GroupKey("unified", GroupPath.ofKernel("/batch"));
        assertTrue(a.group("unified", batch.path()).orElseThrow().inode() != b.group("unified", batch.path()).orElseThrow().inode());
        assertTrue(Rates.between(a, b).group(batch).isEmpty());
        assertTrue(Rates.between(a, b).group(WEB).isPresent());
    }

    @Test
    void aCounterGoingBackwardsGivesNoRateNotANegativeOne() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec 10\nuser_usec 5\nsystem_usec 5\n");
        HostSnapshot b = after(a, Golden.reader(host.root()).read(), 1);
        GroupRates web = Rates.between(a, b).group(WEB).orElseThrow();
        assertTrue(web.cpuPercentOfCore().isEmpty());
        assertTrue(web.readBytesPerSecond().isPresent(), "io did not go backwards");
    }

    @Test
    void idleGroupsShareOneRatesObjectOfZerosAndAnActiveGroupHasItsOwn() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        String idle = "usage_usec 7\nuser_usec 5\nsystem_usec 2\n";
        host.cgroup("unified", "/idle1", "cpu.stat", idle, "io.stat", "");
        host.cgroup("unified", "/idle2", "cpu.stat", idle, "io.stat", "");
        HostSnapshot a = Golden.reader(host.root()).read();
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\n");
        Rates r = Rates.between(a, after(a, Golden.reader(host.root()).read(), 1));
        Optional<GroupRates> one = r.group(new GroupKey("unified", GroupPath.ofKernel("/idle1")));
        Optional<GroupRates> two = r.group("unified", GroupPath.ofKernel("/idle2"));
        assertSame(one, two);
        assertEquals(0.0, one.orElseThrow().cpuPercentOfCore().orElseThrow());
        assertEquals(0.0, one.orElseThrow().cpuPercentOfMachine().orElseThrow());
        assertEquals(0.0, one.orElseThrow().readBytesPerSecond().orElseThrow(), "an empty io.stat: measured zero");
        assertEquals(100.0, r.group(WEB).orElseThrow().cpuPercentOfCore().orElseThrow(), 1e-9, "+1 s in 1 s");
    }

    @Test
    void theSameGroupObjectInBothSnapshotsIsIdleWithAbsentCountersStillAbsent() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        HostSnapshot b = after(a, a, 1); // the tracking reader hands over unchanged groups as the same objects
        Rates r = Rates.between(a, b);
        GroupRates batch = r.group("unified", GroupPath.ofKernel("/batch")).orElseThrow();
        Group g = a.group("unified", GroupPath.ofKernel("/batch")).orElseThrow();
        assertEquals(g.usage().cpu().isPresent(), batch.cpuPercentOfCore().isPresent());
        assertEquals(g.usage().io().isPresent(), batch.readBytesPerSecond().isPresent(), "absent stays absent");
        batch.cpuPercentOfCore().ifPresent(v -> assertEquals(0.0, v));
    }

    @Test
    void groupsThatCameOrWentInBetweenDoNotDisturbTheRatesOfTheOthers() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        host.cgroup("unified", "/aaa", "cpu.stat", "usage_usec 1\nuser_usec 1\nsystem_usec 0\n"); // sorts first
        host.remove("/sys/fs/cgroup/batch");
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec 3000000\nuser_usec 2000000\nsystem_usec 1000000\n");
        Rates r = Rates.between(a, after(a, Golden.reader(host.root()).read(), 1));
        assertEquals(50.0, r.group(WEB).orElseThrow().cpuPercentOfCore().orElseThrow(), 1e-9, "+0.5 s in 1 s");
        assertTrue(r.group("unified", GroupPath.ofKernel("/web/api")).isPresent(), "below a matched group");
        assertTrue(r.group("unified", GroupPath.ofKernel("/aaa")).isEmpty(), "new: no rate");
        assertTrue(r.group("unified", GroupPath.ofKernel("/batch")).isEmpty(), "gone");
        assertTrue(r.group("memory", GroupPath.ofKernel("/web")).isEmpty(), "no such hierarchy");
    }

    @Test
    void noTimeBetweenSnapshotsMeansNoRates() throws Exception {
        HostSnapshot a = Golden.reader(FixtureScenes.unified(dir).root()).read();
        Rates r = Rates.between(a, a);
        assertTrue(r.group(WEB).isEmpty());
    }

    @Test
    void processCpuAndPidReuse() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = Golden.reader(host.root()).read();
        host.process(5000).command("make", "make", "-j2").threads(2).cpuTicks(112, 3).in("unified", "/batch").write();
        HostSnapshot b = after(a, Golden.reader(host.root()).read(), 1);
        assertEquals(100.0, Rates.between(a, b).processCpuPercent(5000).orElseThrow(), 1e-9, "100 ticks in 1 s");
        assertTrue(Rates.between(a, b).processCpuPercent(31337).isEmpty());
        assertTrue(Rates.perSecond(OptionalLong.of(5), OptionalLong.of(4), 1).isEmpty());
    }

    /** Every group of every hierarchy paired by path, as a console pairs the groups that changed. */
    private static void assertOfAgreesWithBetween(HostSnapshot a, HostSnapshot b) {
        Rates whole = Rates.between(a, b);
        int compared = 0;
        for (io.corral.model.cgroup.HierarchyTree t : b.hierarchies()) {
            String id = t.hierarchy().id();
            java.util.List<Group> groups = new java.util.ArrayList<>();
            collect(t.root(), groups);
            for (Group now : groups) {
                Optional<Group> was = a.group(id, now.path());
                if (was.isPresent()) {
                    assertEquals(whole.group(id, now.path()),
                            Rates.of(was.get(), now, Rates.secondsOf(id, a, b), b.cpuCount()), id + " " + now.path());
                    compared++;
                }
            }
        }
        assertTrue(compared >= 4, "compared " + compared);
        double seconds = (b.processesReadNanos() - a.processesReadNanos()) / 1e9;
        for (io.corral.model.proc.ProcessInfo now : b.processes().values()) {
            io.corral.model.proc.ProcessInfo was = a.processes().get(now.pid());
            if (was != null) {
                assertEquals(whole.processCpuPercent(now.pid()), Rates.processCpuPercent(was, now, seconds));
            }
        }
    }

    private static void collect(Group g, java.util.List<Group> out) {
        out.add(g);
        g.children().forEach(c -> collect(c, out));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"legacy", "unified", "hybrid"})
    void ratesOfOneGroupAreWhatRatesOfWholeSnapshotsGive(String layout) throws Exception {
        FixtureHost host = switch (layout) {
            case "legacy" -> FixtureScenes.legacy(dir);
            case "unified" -> FixtureScenes.unified(dir);
            default -> FixtureScenes.hybrid(dir);
        };
        HostSnapshot a = Golden.reader(host.root()).read();
        // Counters move, one goes backwards, a group is made again (new inode), a process runs.
        for (io.corral.model.cgroup.HierarchyTree t : a.hierarchies()) {
            String mount = host.mount(t.hierarchy().id());
            if (t.hierarchy().isV2() && java.nio.file.Files.exists(host.path(mount + "/web"))) {
                host.file(mount + "/web/cpu.stat", "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\n");
            }
            if (t.hierarchy().has("cpuacct") && java.nio.file.Files.exists(host.path(mount + "/web"))) {
                host.file(mount + "/web/cpuacct.usage", "2600000000\n");
                host.file(mount + "/cpuacct.usage", "1\n");
            }
        }
        host.process(5000).command("make", "make", "-j2").threads(2).cpuTicks(112, 3)
                .in(layout.equals("legacy") ? "cpu" : "unified", "/batch").write();
        HostSnapshot b = after(a, Golden.reader(host.root()).read(), 2, 3);
        assertOfAgreesWithBetween(a, b);
        // The tracking reader's unchanged groups: the same objects in both snapshots.
        assertOfAgreesWithBetween(b, after(b, b, 1));
    }

    /** {@code b} read {@code seconds} after {@code a}, each hierarchy's reading having taken {@code took} seconds. */
    private static HostSnapshot timed(HostSnapshot a, double aTook, HostSnapshot b, double seconds, double bTook) {
        return new HostSnapshot(b.taken(), a.monotonicNanos() + (long) (seconds * 1e9), b.hostName(), b.kernelRelease(),
                b.cpuCount(), b.layout(), b.hierarchies(), b.processes(), b.problems(), java.util.Set.of(), false,
                java.util.Map.of("unified", a.readNanos("unified") + (long) (seconds * 1e9)),
                java.util.Map.of("unified", (long) (bTook * 1e9)));
    }

    private static HostSnapshot took(HostSnapshot a, double seconds) {
        return new HostSnapshot(a.taken(), a.monotonicNanos(), a.hostName(), a.kernelRelease(), a.cpuCount(), a.layout(),
                a.hierarchies(), a.processes(), a.problems(), java.util.Set.of(), false,
                java.util.Map.of("unified", a.readNanos("unified")), java.util.Map.of("unified", (long) (seconds * 1e9)));
    }

    /**
     * A group read somewhere within a 1.5 s reading and again within a 10 ms one, 1 s apart
     * (midpoint to midpoint): the time between its two readings lies anywhere from 0.25 to
     * 1.75 s, so its rate is unknown, not 1 s worth; an unchanged group is still idle.
     */
    @Test
    void aRateWhoseTimeIsUncertainByMoreThanATenthIsAbsent() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        HostSnapshot a = took(Golden.reader(host.root()).read(), 1.5);
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\n");
        HostSnapshot read = Golden.reader(host.root()).read();
        Rates slow = Rates.between(a, timed(a, 1.5, read, 1, 0.01));
        assertEquals(0.0, Rates.secondsOf("unified", a, timed(a, 1.5, read, 1, 0.01)));
        assertTrue(slow.group(WEB).orElseThrow().cpuPercentOfCore().isEmpty(), "unknown, not +1 s in 1 s");
        GroupRates batch = slow.group("unified", GroupPath.ofKernel("/batch")).orElseThrow();
        assertTrue(batch.cpuPercentOfCore().isEmpty() || batch.cpuPercentOfCore().getAsDouble() == 0.0);
        // Readings of 0.1 s and 0.05 s, 1 s apart: off by 7.5 % at most; the rate is given.
        HostSnapshot quick = took(a, 0.1);
        Rates r = Rates.between(quick, timed(quick, 0.1, read, 1, 0.05));
        assertEquals(100.0, r.group(WEB).orElseThrow().cpuPercentOfCore().orElseThrow(), 1e-9);
    }
}
