package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
     * The path of a process's group in this hierarchy, from {@code /proc/PID/cgroup} as
     * {@link io.corral.model.proc.ProcFs#cgroups} gives it (keyed by hierarchy id).
     */
    public static Optional<GroupPath> pathOf(Map<String, String> procCgroup, Hierarchy h) {
        return Optional.ofNullable(procCgroup.get(h.id())).map(GroupPath::ofKernel);
    }

    @Override
    public String toString() {
        return hierarchy.id() + ":" + path;
    }
}
