package io.corral.views.state;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.sample.GroupKey;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.corral.views.testing.Snapshots.later;
import static io.corral.views.testing.Snapshots.withChild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task rows the console builds from a snapshot of a fixture host. */
class SnapshotFramesTest {
    @TempDir
    Path dir;

    @Test
    void taskRowsCarryTheResidentSetSizeAndAbsentForKernelThreads() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.cgroup("unified", "/corral-test-rss");
        host.process(4242).command("sleep", "sleep", "600").rssPages(300).in("unified", "/corral-test-rss").write();
        host.process(4300).command("java", "java", "-jar", "x.jar").rssPages(51200)
                .in("unified", "/corral-test-rss").write();
        host.process(77).kernelThread("kworker/0:1").in("unified", "/corral-test-rss").write();
        ConsoleFrame frame = new SnapshotFrames(Duration.ofSeconds(1), Privileges.asRoot())
                .next(new SnapshotReader(host.fs(), new ProcFs(host.root())).read(), Duration.ZERO);

        GroupRow g = frame.hierarchies().get(0).group(GroupPath.ofKernel("/corral-test-rss")).orElseThrow();
        Map<Long, TaskRow> tasks = g.tasks().stream().collect(Collectors.toMap(TaskRow::pid, Function.identity()));
        assertEquals(OptionalLong.of(300 * 4096L), tasks.get(4242L).rssBytes());
        assertEquals(OptionalLong.of(200L << 20), tasks.get(4300L).rssBytes());
        assertEquals(OptionalLong.empty(), tasks.get(77L).rssBytes());
    }

    @Test
    void framesOfAPhasedReadingSayWhatIsNotReadYetAndHaveNoRates() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.cgroup("unified", "/corral-test-phased");
        host.process(4242).command("sleep", "sleep", "600").in("unified", "/corral-test-phased").write();
        SnapshotReader reader = new SnapshotReader(host.fs(), new ProcFs(host.root()));
        SnapshotFrames frames = new SnapshotFrames(Duration.ofSeconds(1), Privileges.asRoot());
        java.util.List<ConsoleFrame> shown = new java.util.ArrayList<>();
        var whole = reader.read(java.util.Optional.empty(), true, p -> shown.add(frames.next(p, Duration.ZERO)));
        shown.add(frames.next(whole, Duration.ZERO));
        shown.add(frames.next(reader.read(), Duration.ZERO));
        assertEquals(4, shown.size(), "names, the one hierarchy read, the whole snapshot, the next one");

        GroupPath p = GroupPath.ofKernel("/corral-test-phased");
        java.util.List<GroupRow.Known> known = shown.stream()
                .map(f -> f.hierarchies().get(0).group(p).orElseThrow().known()).toList();
        assertEquals(java.util.List.of(GroupRow.Known.NAME, GroupRow.Known.WITHOUT_TASKS, GroupRow.Known.ALL,
                GroupRow.Known.ALL), known);
        assertEquals(1, shown.get(2).hierarchies().get(0).group(p).orElseThrow().tasks().size());
        assertEquals(java.util.List.of(false, false, false, true), shown.stream().map(ConsoleFrame::hasRates).toList(),
                "rates only between whole snapshots (partial ones are the same instant)");
    }

    @Test
    void aGroupWhoseReadingDidNotChangeKeepsItsRowObjectAChangedOneGetsANewRow() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.cgroup("unified", "/corral-test-idle");
        host.cgroup("unified", "/corral-test-busy");
        SnapshotReader reader = new SnapshotReader(host.fs(), new ProcFs(host.root()));
        SnapshotFrames frames = new SnapshotFrames(Duration.ofSeconds(1), Privileges.asRoot());
        var s1 = reader.read();
        // The tracking reader hands over the same Group objects for unchanged groups: so does this.
        var s2 = later(s1, s1, 1);
        GroupPath idle = GroupPath.ofKernel("/corral-test-idle");
        GroupPath busy = GroupPath.ofKernel("/corral-test-busy");
        ConsoleFrame f1 = frames.next(s1, Duration.ZERO);
        ConsoleFrame f2 = frames.next(s2, Duration.ZERO);
        ConsoleFrame f3 = frames.next(later(s1, s1, 2), Duration.ZERO);
        java.nio.file.Files.writeString(host.path(host.mount("unified") + "/corral-test-busy/memory.current"), "4096\n");
        ConsoleFrame f4 = frames.next(later(reader.read(), s1, 3), Duration.ZERO);

        java.util.function.BiFunction<ConsoleFrame, GroupPath, GroupRow> row =
                (f, p) -> f.hierarchies().get(0).group(p).orElseThrow();
        org.junit.jupiter.api.Assertions.assertNotSame(row.apply(f1, idle), row.apply(f2, idle),
                "the first frame has no rates, the second has: a new row");
        org.junit.jupiter.api.Assertions.assertSame(row.apply(f2, idle), row.apply(f3, idle));
        org.junit.jupiter.api.Assertions.assertSame(row.apply(f3, idle), row.apply(f4, idle),
                "read again, equal: the same row");
        org.junit.jupiter.api.Assertions.assertNotSame(row.apply(f3, busy), row.apply(f4, busy));
        assertEquals(OptionalLong.of(4096), row.apply(f4, busy).memoryCurrent());
    }

    @Test
    void anUnchangedGroupKeepsItsRatesAChangedOneIsRecomputedAndIsZeroOnceItStopsChanging() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.cgroup("unified", "/corral-test-idle");
        host.cgroup("unified", "/corral-test-busy", "cpu.stat", "usage_usec 1000000\n");
        SnapshotReader reader = reader(host);
        SnapshotFrames frames = frames();
        var s1 = reader.read();
        GroupKey idle = key(s1, "/corral-test-idle");
        GroupKey busy = key(s1, "/corral-test-busy");
        frames.next(s1, Duration.ZERO);
        ConsoleFrame f2 = frames.next(later(s1, s1, 1), Duration.ZERO);
        host.cgroup("unified", "/corral-test-busy", "cpu.stat", "usage_usec 2000000\n");
        // The busy group read again (a new Group object), every other group as it was.
        var s3 = later(withChild(s1, reader.read().hierarchies().get(0).find(busy.path()).orElseThrow()), s1, 2);
        ConsoleFrame f3 = frames.next(s3, Duration.ZERO);
        ConsoleFrame f4 = frames.next(later(s3, s1, 3), Duration.ZERO);
        ConsoleFrame f5 = frames.next(later(s3, s1, 4), Duration.ZERO);

        assertEquals(OptionalDouble.of(0.0), f2.rates(idle).orElseThrow().cpuPercentOfCore());
        assertSame(f2.rates(idle).orElseThrow(), f3.rates(idle).orElseThrow(), "the same group object: the same rates");
        assertSame(f2.group(idle).orElseThrow(), f5.group(idle).orElseThrow());
        assertEquals(OptionalDouble.of(100.0), f3.group(busy).orElseThrow().cpuPercent(), "1 s of CPU in 1 s");
        assertEquals(OptionalDouble.of(0.0), f4.group(busy).orElseThrow().cpuPercent(),
                "unchanged since: zero, not the last rate");
        assertNotSame(f3.group(busy).orElseThrow(), f4.group(busy).orElseThrow());
        assertSame(f4.rates(busy).orElseThrow(), f5.rates(busy).orElseThrow());
        assertSame(f4.group(busy).orElseThrow(), f5.group(busy).orElseThrow());
        assertSame(f2.hierarchies().get(0).index(), f5.hierarchies().get(0).index(), "no group came or went");
    }

    @Test
    void aVanishedGroupLeavesTheFrameAndOneRecreatedUnderItsPathHasNoRatesAcrossIt() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.cgroup("unified", "/corral-test-stays");
        host.cgroup("unified", "/corral-test-gone");
        host.cgroup("unified", "/corral-test-again", "cpu.stat", "usage_usec 1000000\n");
        SnapshotReader reader = reader(host);
        SnapshotFrames frames = frames();
        var s1 = reader.read();
        GroupKey stays = key(s1, "/corral-test-stays");
        GroupKey gone = key(s1, "/corral-test-gone");
        GroupKey again = key(s1, "/corral-test-again");
        frames.next(s1, Duration.ZERO);
        ConsoleFrame f2 = frames.next(later(reader.read(), s1, 1), Duration.ZERO);
        host.remove(host.mount("unified") + "/corral-test-gone");
        host.remove(host.mount("unified") + "/corral-test-again");
        host.cgroup("unified", "/corral-test-again", "cpu.stat", "usage_usec 5000000\n");
        var s3 = later(reader.read(), s1, 2);
        ConsoleFrame f3 = frames.next(s3, Duration.ZERO);

        assertTrue(f2.group(gone).isPresent());
        assertTrue(f3.group(gone).isEmpty());
        assertTrue(f3.hierarchies().get(0).group(gone.path()).isEmpty());
        assertNotSame(f2.hierarchies().get(0).index(), f3.hierarchies().get(0).index());
        int slot = f3.hierarchies().get(0).index().slot(stays.path()).orElseThrow();
        assertSame(f2.group(stays).orElseThrow().key(), f3.hierarchies().get(0).index().key(slot),
                "a new index keeps the key objects of the groups that stayed");
        assertNotEquals(s1.group("unified", again.path()).orElseThrow().inode(),
                s3.group("unified", again.path()).orElseThrow().inode());
        assertTrue(f2.rates(again).isPresent());
        assertTrue(f3.rates(again).isEmpty(), "a new inode: its counters started again");
        assertEquals(OptionalDouble.empty(), f3.group(again).orElseThrow().cpuPercent());
        ConsoleFrame f4 = frames.next(later(s3, s1, 3), Duration.ZERO);
        assertEquals(OptionalDouble.of(0.0), f4.group(again).orElseThrow().cpuPercent(), "from then on it has rates");
    }

    private static GroupKey key(HostSnapshot s, String path) {
        return new GroupKey(s.hierarchies().get(0).hierarchy().id(), GroupPath.ofKernel(path));
    }

    private static SnapshotReader reader(FixtureHost host) {
        return new SnapshotReader(host.fs(), new ProcFs(host.root()));
    }

    private static SnapshotFrames frames() {
        return new SnapshotFrames(Duration.ofSeconds(1), Privileges.asRoot());
    }
}
