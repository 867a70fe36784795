package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;

import java.nio.file.Path;
import java.util.Objects;

/** One group in one hierarchy: what every command targets. */
public record GroupRef(Hierarchy hierarchy, GroupPath path) {
    public GroupRef {
        Objects.requireNonNull(hierarchy);
        Objects.requireNonNull(path);
    }

    /** The group's directory under the accessor's host root. */
    public Path dir(CgroupFs fs) {
        Path dir = fs.onHost(hierarchy.mount());
        for (String name : path.names()) {
            dir = dir.resolve(name);
        }
        return dir;
    }

    public GroupRef parent() {
        return new GroupRef(hierarchy, path.parent());
    }

    public GroupRef child(String name) {
        return new GroupRef(hierarchy, path.child(name));
    }

    public boolean isV2() {
        return hierarchy.isV2();
    }

    /** {@code cpu:/web}, {@code unified:/web}: the GROUP syntax of one hierarchy. */
    @Override
    public String toString() {
        return (hierarchy.isV2() ? "unified" : hierarchy.id()) + ":" + path;
    }
}
