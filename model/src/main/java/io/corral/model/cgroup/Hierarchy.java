package io.corral.model.cgroup;

import java.util.List;
import java.util.Objects;

/**
 * One mounted cgroup hierarchy.
 *
 * @param id          stable identifier: {@code unified} for cgroup2, the comma-joined
 *                    controllers for v1 ({@code cpu,cpuacct}), or {@code name=systemd}
 * @param version     v1 or v2
 * @param controllers controllers bound to it (v1: from the mount options; v2: those listed
 *                    in the root's {@code cgroup.controllers})
 * @param mount       host-absolute mount point, e.g. {@code /sys/fs/cgroup/cpu}
 * @param mountRoot   the hierarchy path that is mounted there ({@code /} unless the mount
 *                    is a bind of a subtree, as inside containers)
 */
public record Hierarchy(String id, CgroupVersion version, List<String> controllers, String mount, String mountRoot) {
    public Hierarchy {
        Objects.requireNonNull(id);
        Objects.requireNonNull(version);
        controllers = List.copyOf(controllers);
        Objects.requireNonNull(mount);
        Objects.requireNonNull(mountRoot);
    }

    public boolean isV2() {
        return version == CgroupVersion.V2;
    }

    public boolean has(String controller) {
        return controllers.contains(controller);
    }

    /** A name for people: {@code cgroup2 (unified)}, {@code cpu,cpuacct}, {@code name=systemd}. */
    public String label() {
        return isV2() ? "cgroup2 (unified)" : id;
    }
}
