package io.corral.views.limits;

import io.corral.model.host.Hardware;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.LimitReader;
import io.corral.model.limit.LimitValue.DeviceNumber;
import io.corral.model.testing.FixtureHost;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A cgroup2 fixture host with a parent group limited to 256M and a child group below it
 * with every knob at its default, plus the editor input built from it the way the main
 * window does (limits read by the model, ancestors nearest first).
 */
final class LimitsFixture {
    static final String PARENT = "/corral-test-parent";
    static final String CHILD = PARENT + "/corral-test-child";
    static final Hardware HOST = new Hardware(List.of(0, 1, 2, 3), List.of(0),
            List.of(new Hardware.BlockDevice("sda", new DeviceNumber(8, 0)),
                    new Hardware.BlockDevice("nvme0n1", new DeviceNumber(259, 0))),
            OptionalLong.of(16L << 30));

    final FixtureHost host;
    final CgroupFs fs;
    final List<Path> writes = new ArrayList<>();
    final Map<String, Hierarchy> hierarchies = new LinkedHashMap<>();

    LimitsFixture(Path tmp) throws Exception {
        host = FixtureHost.unified(tmp);
        group(PARENT, "268435456");
        group(CHILD, "max");
        fs = host.fs();
        fs.setWriteObserver((file, value) -> writes.add(file));
        for (Hierarchy h : new HierarchyDiscovery(fs).discover()) {
            hierarchies.put(h.id(), h);
        }
    }

    private void group(String path, String memoryMax) {
        host.group("/sys/fs/cgroup" + path,
                "cgroup.controllers", "cpuset cpu io memory pids\n",
                "cpu.max", "max 100000\n", "cpu.weight", "100\n",
                "memory.max", memoryMax + "\n", "memory.high", "max\n", "memory.low", "0\n", "memory.min", "0\n",
                "memory.swap.max", "max\n", "memory.current", "104857600\n",
                "pids.max", "max\n", "pids.current", "12\n", "io.max", "",
                "cpuset.cpus", "0-3\n", "cpuset.mems", "0\n");
    }

    Hierarchy unified() {
        return hierarchies.get("unified");
    }

    Path dir(String path) {
        return host.path("/sys/fs/cgroup" + path);
    }

    /** The editor's input for the child group, read from the fixture files now. */
    LimitsInput input() {
        Hierarchy h = unified();
        LimitReader r = new LimitReader(fs);
        GroupLimits own = r.read(dir(CHILD), h, new ArrayList<>());
        GroupLimits parent = r.read(dir(PARENT), h, new ArrayList<>());
        GroupLimits root = r.read(dir(""), h, new ArrayList<>());
        List<Map.Entry<GroupPath, GroupLimits>> ancestors = List.of(
                Map.entry(GroupPath.ofKernel(PARENT), parent), Map.entry(GroupPath.ROOT, root));
        return LimitsInputs.of(CHILD, List.of(new LimitsInputs.InHierarchy(h, GroupPath.ofKernel(CHILD), own,
                ancestors)), new LimitUsage(OptionalDouble.of(0.4), OptionalLong.of(100L << 20), OptionalLong.empty(),
                OptionalLong.of(12)), HOST);
    }
}
