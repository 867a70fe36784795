package io.corral.model.sample;

import io.corral.model.cgroup.FreezeState;
import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitValue;
import io.corral.model.proc.ProcCgroups;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcessInfo;
import io.corral.model.proc.ProcessState;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.LiveScene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot of a random live tree equals what the kernel files say, read directly. Root
 * on a host with cgroupfs; skipped with the reason printed otherwise.
 */
@ExtendWith(LiveCgroups.class)
class LiveSnapshotTest {

    static String hierarchyId(String mount) {
        return switch (mount) {
            case "unified" -> "unified";
            default -> mount;
        };
    }

    @Test
    void randomTreeReadsExactlyAsTheKernelFilesSay(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        long seed = System.nanoTime();
        System.out.println("LiveSnapshotTest seed " + seed);
        LiveScene scene = LiveScene.build(lc, seed);
        // Freeze one group per freezer (v1 freezer.state, v2 cgroup.freeze): ours, holding only our sleeps.
        if (scene.groups.containsKey("freezer")) {
            Files.writeString(LiveScene.mount("freezer").resolve(scene.top).resolve("freezer.state"), "FROZEN");
        }
        Path v2Frozen = null;
        if (scene.groups.containsKey("unified")) {
            v2Frozen = LiveScene.mount("unified").resolve(scene.groups.get("unified").get(1).substring(1));
            Files.writeString(v2Frozen.resolve("cgroup.freeze"), "1");
        }
        awaitFrozen(v2Frozen);

        SnapshotReader reader = new SnapshotReader(CgroupFs.live(), ProcFs.live());
        try {
            check(scene, reader.read(Optional.of(GroupSpec.parse("/" + scene.top)), true));
        } finally {
            // Thaw before LiveCgroups kills the sleeps: a frozen task cannot die, and each would cost a 5 s wait.
            if (scene.groups.containsKey("freezer")) {
                Files.writeString(LiveScene.mount("freezer").resolve(scene.top).resolve("freezer.state"), "THAWED");
            }
            if (v2Frozen != null) {
                Files.writeString(v2Frozen.resolve("cgroup.freeze"), "0");
            }
        }
    }

    private static void check(LiveScene scene, HostSnapshot s) throws Exception {
        assertEquals(List.of(), s.problems().stream().filter(p -> p.path().contains(scene.top)).toList());

        for (Map.Entry<String, List<String>> e : scene.groups.entrySet()) {
            String mount = e.getKey();
            HierarchyTree t = s.hierarchy(hierarchyId(mount)).orElseThrow(() -> new AssertionError("no " + mount));
            List<String> read = t.root().flatten().stream().map(g -> g.path().toString()).sorted().toList();
            assertEquals(e.getValue().stream().sorted().toList(), read, mount + ": the groups made");
            for (Group g : t.root().flatten()) {
                assertMatchesKernel(mount, g);
            }
        }
        for (Map.Entry<Long, Map<String, String>> p : scene.placement.entrySet()) {
            ProcessInfo info = s.process(p.getKey().intValue()).orElseThrow();
            assertEquals(ProcCgroups.parse(Files.readString(Path.of("/proc/" + p.getKey() + "/cgroup"))), info.cgroups());
            p.getValue().forEach((mount, path) ->
                    assertEquals(Optional.of(path), info.cgroup(hierarchyId(mount)), "pid " + p.getKey() + " in " + mount));
            assertFalse(info.kernelThread());
        }
        // The sh that exec'd sleep never reaps its short-lived child: a zombie, not a kernel thread.
        long parent = scene.processes.get(3).pid();
        List<ProcessInfo> zombies = s.processes().values().stream()
                .filter(p -> p.ppid() == parent && p.state() == ProcessState.ZOMBIE).toList();
        assertEquals(1, zombies.size(), "one zombie child of " + parent);
        assertTrue(zombies.get(0).cmdline().isEmpty());
    }

    @Test
    void aThreadedGroupHasNoProcessListAndThatIsNoProblem(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(LiveScene.mount("unified"));
        String top = LiveCgroups.newName();
        Path t = lc.mkdir(LiveScene.mount("unified"), top + "/threads");
        Files.writeString(t.resolve("cgroup.type"), "threaded");
        HostSnapshot s = new SnapshotReader(CgroupFs.live(), ProcFs.live())
                .read(Optional.of(GroupSpec.parse("unified:/" + top)), false);
        Group parent = s.hierarchy("unified").orElseThrow().root();
        Group threaded = parent.children().get(0);
        assertEquals(Optional.of("domain threaded"), parent.type());
        assertEquals(Optional.of("threaded"), threaded.type());
        // cgroup2 answers EOPNOTSUPP to reading cgroup.procs of a threaded group: absent, not empty.
        assertTrue(threaded.processes().isEmpty());
        assertEquals(Optional.of(List.of()), threaded.threads());
        assertEquals(List.of(), s.problems());
    }

    private static void assertMatchesKernel(String mount, Group g) throws Exception {
        Path dir = LiveScene.mount(mount).resolve(g.path().toString().substring(1));
        String where = mount + ":" + g.path();
        assertEquals(((Number) Files.getAttribute(dir, "unix:ino")).longValue(), g.inode(), where + " inode");
        assertEquals(Optional.of(LiveScene.catIds(dir.resolve("cgroup.procs"))), g.processes(), where + " cgroup.procs");
        String threads = mount.equals("unified") ? "cgroup.threads" : "tasks";
        assertEquals(Optional.of(LiveScene.catIds(dir.resolve(threads))), g.threads(), where + " " + threads);
        List<String> children = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(c -> children.add(c.getFileName().toString()));
        }
        children.sort(null);
        assertEquals(children, g.children().stream().map(Group::name).toList(), where + " children");
        for (Limit l : g.limits().asMap().values()) {
            assertEquals(LiveScene.cat(dir.resolve(l.file())), l.raw(), where + " " + l.knob() + " raw");
        }
        switch (mount) {
            case "cpu" -> {
                long quota = Long.parseLong(LiveScene.cat(dir.resolve("cpu.cfs_quota_us")));
                long period = Long.parseLong(LiveScene.cat(dir.resolve("cpu.cfs_period_us")));
                assertEquals(new LimitValue.CpuQuota(quota, period), g.limits().value(Knob.CPU_QUOTA).orElseThrow(), where);
                assertEquals(LimitValue.Weight.ofShares(Long.parseLong(LiveScene.cat(dir.resolve("cpu.shares")))),
                        g.limits().value(Knob.CPU_WEIGHT).orElseThrow(), where);
            }
            case "memory" -> {
                assertEquals(new LimitValue.Bytes(Long.parseLong(LiveScene.cat(dir.resolve("memory.limit_in_bytes")))),
                        g.limits().value(Knob.MEMORY_MAX).orElseThrow(), where);
                assertTrue(g.usage().memory().orElseThrow().currentBytes().isPresent(), where + " memory usage");
            }
            case "pids" -> {
                assertEquals(new LimitValue.Count(Long.parseLong(LiveScene.cat(dir.resolve("pids.max")))),
                        g.limits().value(Knob.PIDS_MAX).orElseThrow(), where);
                assertEquals(Long.parseLong(LiveScene.cat(dir.resolve("pids.current"))),
                        g.usage().pidsCurrent().orElseThrow(), where + " pids.current");
            }
            case "cpuset" -> assertEquals(LiveScene.cat(dir.resolve("cpuset.cpus")),
                    g.limits().value(Knob.CPUSET_CPUS).orElseThrow().toString(), where);
            case "freezer" -> assertEquals(Optional.of(FreezeState.valueOf(LiveScene.cat(dir.resolve("freezer.state")))),
                    g.freezer(), where);
            case "blkio" -> {
                String rule = LiveScene.cat(dir.resolve("blkio.throttle.read_bps_device"));
                assertEquals(rule.isEmpty(), g.limits().get(Knob.IO_RBPS).isEmpty(), where);
            }
            case "cpuacct" -> assertTrue(g.usage().cpu().orElseThrow().usageUsec().isPresent(), where);
            case "unified" -> {
                assertEquals(Optional.of(words(LiveScene.cat(dir.resolve("cgroup.controllers")))), g.controllers(), where);
                assertEquals(Optional.of(words(LiveScene.cat(dir.resolve("cgroup.subtree_control")))), g.subtreeControl(), where);
                assertEquals(Optional.of(LiveScene.cat(dir.resolve("cgroup.type"))), g.type(), where);
                String events = LiveScene.cat(dir.resolve("cgroup.events"));
                assertEquals(Optional.of(events.contains("populated 1")), g.populated(), where);
                assertEquals(events.contains("frozen 1"), g.freezer().orElseThrow() == FreezeState.FROZEN, where);
                assertTrue(g.usage().cpu().orElseThrow().usageUsec().isPresent(), where + " cpu.stat");
            }
            default -> { }
        }
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static void awaitFrozen(Path v2) throws Exception {
        for (int i = 0; v2 != null && i < 100 && !LiveScene.cat(v2.resolve("cgroup.events")).contains("frozen 1"); i++) {
            Thread.sleep(20);
        }
    }
}
