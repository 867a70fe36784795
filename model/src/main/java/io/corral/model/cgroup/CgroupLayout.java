package io.corral.model.cgroup;

import java.util.List;

/** How the host mounts its hierarchies. */
public enum CgroupLayout {
    /** Only v1 hierarchies. */
    LEGACY,
    /** Only cgroup2, usually at /sys/fs/cgroup. */
    UNIFIED,
    /** v1 controllers plus a cgroup2 mount (systemd's "hybrid", e.g. /sys/fs/cgroup/unified). */
    HYBRID,
    /** No cgroup filesystem mounted. */
    NONE;

    public static CgroupLayout of(List<Hierarchy> hierarchies) {
        boolean v1 = hierarchies.stream().anyMatch(h -> !h.isV2());
        boolean v2 = hierarchies.stream().anyMatch(Hierarchy::isV2);
        if (v1 && v2) {
            return HYBRID;
        }
        if (v2) {
            return UNIFIED;
        }
        return v1 ? LEGACY : NONE;
    }
}
