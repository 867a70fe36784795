package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupTreeReader;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracking reader returns what a full reading returns, on every fixture layout and
 * after the changes it has to notice: counters, new, removed and recreated groups, the
 * console's own writes, and writes behind its back (at the latest after warmEvery ticks).
 */
class TrackedTreesTest {
    @TempDir
    Path dir;

    enum Layout {
        LEGACY(FixtureScenes::legacy), UNIFIED(FixtureScenes::unified), HYBRID(FixtureScenes::hybrid);

        final Function<Path, FixtureHost> make;

        Layout(Function<Path, FixtureHost> make) {
            this.make = make;
        }
    }

    private static SnapshotReader tracking(FixtureHost host, int warmEvery, TrackedTrees.Membership m) {
        CgroupFs fs = host.fs();
        ProcFs procfs = new ProcFs(host.root());
        return new SnapshotReader(fs, procfs, new TrackedTrees(fs, procfs, new TrackedTrees.Options(64, 64, warmEvery, m)),
                Clock.fixed(Golden.FIXED, ZoneOffset.UTC));
    }

    /** Warm every 1000 ticks, membership from the /proc scan; {@code watch} false: no inotify (listings compared). */
    private static TrackedTrees trees(FixtureHost host, boolean watch) {
        return new TrackedTrees(host.fs(), new ProcFs(host.root()), new TrackedTrees.Options(64, 64, 1000,
                TrackedTrees.Membership.PROC_SCAN), watch);
    }

    private static SnapshotReader reader(FixtureHost host, TrackedTrees trees) {
        return new SnapshotReader(host.fs(), new ProcFs(host.root()), trees, Clock.fixed(Golden.FIXED, ZoneOffset.UTC));
    }

    private static SnapshotReader plain(FixtureHost host) {
        return new SnapshotReader(host.fs(), new ProcFs(host.root()), new GroupTreeReader(host.fs()),
                Clock.fixed(Golden.FIXED, ZoneOffset.UTC));
    }

    /** Reads until the tracked trees equal a full reading (inotify events arrive asynchronously). */
    private static HostSnapshot assertConverges(SnapshotReader tracked, SnapshotReader plain) throws Exception {
        HostSnapshot t = null;
        List<HierarchyTree> want = null;
        for (int i = 0; i < 40; i++) {
            t = tracked.read();
            want = plain.read().hierarchies();
            if (t.hierarchies().equals(want)) {
                return t;
            }
            Thread.sleep(50);
        }
        assertEquals(want, t.hierarchies());
        return t;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void theFirstReadingEqualsAFullReading(Layout layout) throws Exception {
        FixtureHost host = layout.make.apply(dir);
        for (TrackedTrees.Membership m : TrackedTrees.Membership.values()) {
            try (SnapshotReader t = tracking(host, 5, m); SnapshotReader p = plain(host)) {
                HostSnapshot a = t.read();
                HostSnapshot b = p.read();
                assertEquals(b.hierarchies(), a.hierarchies(), m + " membership");
                assertEquals(b.problems(), a.problems());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void unchangedGroupsAreTheSameObjectsOnTheNextTick(Layout layout) throws Exception {
        FixtureHost host = layout.make.apply(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN)) {
            HostSnapshot a = t.read();
            HostSnapshot b = t.read();
            for (int i = 0; i < a.hierarchies().size(); i++) {
                assertSame(a.hierarchies().get(i).root(), b.hierarchies().get(i).root());
            }
        }
    }

    @Test
    void aChangedHotCounterIsReadOnTheNextTick() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            t.read();
            Path usage = host.path(host.mount("cpuacct") + "/web/cpuacct.usage");
            Files.writeString(usage, "2600000000\n");
            HostSnapshot s = assertConverges(t, p);
            assertEquals(2_600_000L, s.group("cpuacct", GroupPath.ofKernel("/web")).orElseThrow()
                    .usage().cpu().orElseThrow().usageUsec().getAsLong());
        }
    }

    @Test
    void aCounterGoingBackwardsIsReadAsItIsAndGivesNoRate() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            HostSnapshot before = t.read();
            Path usage = host.path(host.mount("cpuacct") + "/web/cpuacct.usage");
            Files.writeString(usage, "1000\n"); // reset (or wrapped): same length class, fewer bytes
            HostSnapshot after = assertConverges(t, p);
            GroupKey web = new GroupKey("cpuacct", GroupPath.ofKernel("/web"));
            assertEquals(1L, after.group("cpuacct", web.path()).orElseThrow().usage().cpu().orElseThrow()
                    .usageUsec().getAsLong());
            assertTrue(Rates.between(before, after).group(web).orElseThrow().cpuPercentOfCore().isEmpty(),
                    "no rate across a counter that went backwards (absent, not negative, not zero)");
        }
    }

    @Test
    void groupsMadeRemovedAndRecreatedBehindItsBackAreNoticed() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            t.read();
            host.cgroup("memory", "/web/new/deeper");
            assertTrue(assertConverges(t, p).group("memory", GroupPath.ofKernel("/web/new/deeper")).isPresent());

            long before = t.read().group("memory", GroupPath.ofKernel("/web/new/deeper")).orElseThrow().inode();
            Path deeper = host.path(host.mount("memory") + "/web/new/deeper");
            deleteTree(deeper);
            host.cgroup("memory", "/web/new/deeper", "memory.usage_in_bytes", "4096\n");
            HostSnapshot s = assertConverges(t, p);
            assertNotEquals(before, s.group("memory", GroupPath.ofKernel("/web/new/deeper")).orElseThrow().inode(),
                    "a recreated group is a new group");

            deleteTree(host.path(host.mount("memory") + "/web/new"));
            assertTrue(assertConverges(t, p).group("memory", GroupPath.ofKernel("/web/new")).isEmpty());
        }
    }

    /**
     * Without watches (the kernel refused one, or events were lost) every directory is listed
     * and compared on every tick: groups made, removed, and removed and made again under the
     * same name (a new inode: a new group) between two ticks, deep and shallow.
     */
    @Test
    void withoutWatchesTheListingsShowGroupsComeGoAndComeBackAsNewGroups() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        TrackedTrees trees = trees(host, false);
        try (SnapshotReader t = reader(host, trees); SnapshotReader p = plain(host)) {
            HostSnapshot first = t.read();
            assertEquals(0, trees.watchCount());
            HostSnapshot idle = t.read();
            assertSame(first.hierarchies().get(0).root(), idle.hierarchies().get(0).root(), "nothing changed: same objects");
            String cpu = host.mount("cpu");
            for (int i = 0; i < 40; i++) {
                host.cgroup("cpu", String.format("/churn/c%02d", i));
            }
            host.cgroup("memory", "/web/new/deeper");
            assertEquals(p.read().hierarchies(), t.read().hierarchies(), "made");
            long was = t.read().group("cpu", GroupPath.ofKernel("/churn/c07")).orElseThrow().inode();
            // Removed and made again under the same name: moved in from a directory made while
            // the old one still existed, so the file system cannot hand back the same inode.
            host.cgroup("cpu", "/churn-next");
            deleteTree(host.path(cpu + "/churn/c07"));
            Files.move(host.path(cpu + "/churn-next"), host.path(cpu + "/churn/c07"));
            for (int i = 20; i < 40; i++) {
                deleteTree(host.path(cpu + String.format("/churn/c%02d", i)));
            }
            deleteTree(host.path(host.mount("memory") + "/web/new"));
            HostSnapshot s = t.read();
            assertEquals(p.read().hierarchies(), s.hierarchies(), "removed, made again");
            assertNotEquals(was, s.group("cpu", GroupPath.ofKernel("/churn/c07")).orElseThrow().inode());
            assertEquals(20, s.group("cpu", GroupPath.ofKernel("/churn")).orElseThrow().children().size());
            assertTrue(s.group("memory", GroupPath.ofKernel("/web/new")).isEmpty());
        }
    }

    @Test
    void theConsolesOwnWriteIsReadOnTheNextTickAndOtherWritesAsSoonAsInotifyTells() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            t.read();
            Path limit = host.path(host.mount("memory") + "/web/memory.limit_in_bytes");
            host.fs().write(limit, "1048576\n");
            assertEquals(p.read().hierarchies(), t.read().hierarchies(), "own write: next tick");

            Files.writeString(limit, "2097152\n"); // someone else (IN_MODIFY)
            assertConverges(t, p);
        }
    }

    @Test
    void withoutAnyEventWarmValuesAreReadAgainWithinWarmEveryTicks() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        int warmEvery = 4;
        try (SnapshotReader t = tracking(host, warmEvery, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            t.read();
            // A counter the kernel changes silently: no event, not hot (v1 cpu.stat lives in the cpu hierarchy).
            Path stat = host.path(host.mount("cpu") + "/web/cpu.stat");
            String text = "nr_periods 130\nnr_throttled 9\nthrottled_time 450000000\nnr_bursts 0\nburst_time 0\n";
            // Written through a hard link in an unwatched directory: inotify reports it there, not
            // in the group's directory, so only the round-robin can notice it.
            Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("cpu.stat");
            Files.createLink(elsewhere, stat);
            try (var ch = java.nio.channels.FileChannel.open(elsewhere, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes()), 0);
            }
            Thread.sleep(200);
            boolean seen = false;
            for (int i = 0; i < warmEvery && !seen; i++) {
                seen = t.read().hierarchies().equals(p.read().hierarchies());
            }
            assertTrue(seen, "read again within " + warmEvery + " ticks");
        }
    }

    @Test
    void whileAGroupIsActiveItsSilentCountersInOtherHierarchiesFollow() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            t.read();
            Path stat = host.path(host.mount("cpu") + "/web/cpu.stat");
            Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("cpu.stat");
            Files.createLink(elsewhere, stat); // written without an event in the group's directory
            Path usage = host.path(host.mount("cpuacct") + "/web/cpuacct.usage");
            Path usageLink = dir.resolve("elsewhere").resolve("cpuacct.usage");
            Files.createLink(usageLink, usage);
            for (int i = 0; i < 3; i++) {
                overwrite(usageLink, (2_600_000_000L + i) + "\n");
                overwrite(elsewhere, "nr_periods " + (200 + i) + "\nnr_throttled 9\nthrottled_time 450000000\nnr_bursts 0\nburst_time 0\n");
                t.read();
            }
            assertEquals(p.read().hierarchies(), t.read().hierarchies(),
                    "cpu.stat of the cpu hierarchy follows cpuacct.usage activity of the same path");
        }
    }

    /**
     * The start-up spike: on a hybrid host the unified hierarchy's {@code cpu.stat} was not a
     * hot file, so a group whose counters moved kept its old {@code Group} object there (0 %)
     * until a v1 hierarchy read later in the same tick marked the path active, and the next
     * tick's reading then spanned two intervals (747 % on 2 CPUs, docs/benchmarks.md
     * "Session 4: rates"). Every counter a rate is computed from is read on every tick.
     */
    @Test
    void everyCounterOfARateIsReadAgainOnEveryTickInEveryHierarchy() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            HostSnapshot before = t.read();
            Path links = Files.createDirectories(dir.resolve("elsewhere"));
            Path stat = links.resolve("cpu.stat");
            Files.createLink(stat, host.path(host.mount("unified") + "/web/cpu.stat"));
            Path usage = links.resolve("cpuacct.usage");
            Files.createLink(usage, host.path(host.mount("cpuacct") + "/web/cpuacct.usage"));
            // Written without an event in the group's directory, as the kernel moves counters.
            overwrite(stat, "usage_usec 2500000\nuser_usec 1500000\nsystem_usec 1000000\nnice_usec 0\n");
            overwrite(usage, "2600000000\n");
            HostSnapshot after = t.read();
            GroupPath web = GroupPath.ofKernel("/web");
            assertEquals(p.read().group("unified", web), after.group("unified", web),
                    "the unified cpu.stat is read on the tick it changed, whatever the order of the hierarchies");
            long was = before.group("unified", web).orElseThrow().usage().cpu().orElseThrow().usageUsec().getAsLong();
            long now = after.group("unified", web).orElseThrow().usage().cpu().orElseThrow().usageUsec().getAsLong();
            assertEquals(1_000_000L, now - was);
            // Left unchanged: the next tick hands the same object over (a rate of zero is then true).
            HostSnapshot next = t.read();
            assertSame(after.group("unified", web).orElseThrow(), next.group("unified", web).orElseThrow());
        }
    }

    private static void overwrite(Path p, String text) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes()));
        }
    }

    @Test
    void aProcessThatMovedIsSeenInItsNewGroup() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            t.read();
            host.cgroup("cpu", "/batch");
            host.process(6000).command("sleep", "sleep", "1").in("cpu", "/batch").write();
            HostSnapshot s = assertConverges(t, p);
            assertEquals(List.of(6000), s.group("cpu", GroupPath.ofKernel("/batch")).orElseThrow().processes().orElseThrow());
        }
    }

    @Test
    void theSameGroupInSeveralHierarchiesSharesOnePathAndCompactParts() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        host.cgroup("cpu", "/idle");
        host.cgroup("pids", "/idle", "pids.current", "0\n");
        host.cgroup("memory", "/idle", "memory.usage_in_bytes", "0\n");
        host.cgroup("pids", "/idle2", "pids.current", "0\n");
        try (SnapshotReader t = tracking(host, 1000, TrackedTrees.Membership.PROC_SCAN); SnapshotReader p = plain(host)) {
            HostSnapshot s = t.read();
            assertEquals(p.read().hierarchies(), s.hierarchies(), "equal to a full reading");
            GroupPath web = s.group("cpu", GroupPath.ofKernel("/web")).orElseThrow().path();
            for (String h : List.of("cpuacct", "memory", "pids", "freezer", "unified")) {
                assertSame(web, s.group(h, GroupPath.ofKernel("/web")).orElseThrow().path(), h);
            }
            GroupPath idle = s.group("cpu", GroupPath.ofKernel("/idle")).orElseThrow().path();
            assertSame(idle, s.group("memory", idle).orElseThrow().path());
            // Empty groups: one empty membership object; equal counters: one usage object.
            assertSame(s.group("pids", idle).orElseThrow().processes(), s.group("memory", idle).orElseThrow().processes());
            assertSame(s.group("pids", idle).orElseThrow().usage(),
                    s.group("pids", GroupPath.ofKernel("/idle2")).orElseThrow().usage());
        }
    }

    @Test
    void removedGroupsGiveTheirWatchesBackAndNewOnesAreWatched() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        TrackedTrees trees = trees(host, true);
        try (SnapshotReader t = reader(host, trees);
             SnapshotReader p = plain(host)) {
            t.read();
            int watched = trees.watchCount();
            int groups = t.read().hierarchies().stream().mapToInt(x -> x.root().flatten().size()).sum();
            assertEquals(groups, watched, "one watch per group directory");
            host.cgroup("memory", "/web/a/b");
            assertConverges(t, p);
            assertEquals(watched + 2, trees.watchCount());
            deleteTree(host.path(host.mount("memory") + "/web/a"));
            assertConverges(t, p);
            assertEquals(watched, trees.watchCount(), "the removed subtree's watches are given back");
        }
        assertEquals(0, trees.watchCount(), "closed: none left");
    }

    private static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
