package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** A group in one hierarchy: where a checkpointed group lived, or where a restore goes. */
public record GroupPlace(Hierarchy hierarchy, GroupPath path) {

    /** The group's directory under the host root of {@code fs}. */
    public Path dir(CgroupFs fs) {
        Path d = fs.onHost(hierarchy.mount());
        for (String n : path.names()) {
            d = d.resolve(n);
        }
        return d;
    }

    public boolean isFreezer() {
        return hierarchy.isV2() || hierarchy.has("freezer");
    }

    /**
     * The path of a process's group in this hierarchy, from {@code /proc/PID/cgroup}: keys
     * are the v1 controller lists in the kernel's order ("cpu,cpuacct"), "name=systemd",
     * or "" for cgroup2.
     */
    public static Optional<GroupPath> pathOf(Map<String, String> procCgroup, Hierarchy h) {
        for (Map.Entry<String, String> e : procCgroup.entrySet()) {
            if (h.isV2() ? e.getKey().isEmpty() : matchesV1(e.getKey(), h)) {
                return Optional.of(GroupPath.ofKernel(e.getValue()));
            }
        }
        return Optional.empty();
    }

    private static boolean matchesV1(String key, Hierarchy h) {
        if (key.isEmpty()) {
            return false;
        }
        if (key.startsWith("name=")) {
            return key.equals(h.id());
        }
        return new TreeSet<>(Arrays.asList(key.split(","))).equals(new TreeSet<>(h.controllers()));
    }

    @Override
    public String toString() {
        return hierarchy.id() + ":" + path;
    }
}
