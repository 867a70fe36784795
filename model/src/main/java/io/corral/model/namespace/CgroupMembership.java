package io.corral.model.namespace;

import io.corral.model.cgroup.GroupPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code /proc/<pid>/cgroup}: the group a process is in, in one hierarchy.
 *
 * @param hierarchyId the hierarchy's id as {@code HierarchyDiscovery} names it:
 *                    {@code unified} for cgroup2 (line {@code 0::/path}), the sorted
 *                    controllers ({@code cpu,cpuacct}) or {@code name=systemd} for v1
 *                    (see {@link io.corral.model.proc.ProcCgroups})
 * @param path        the path as the reader's cgroup namespace shows it
 */
public record CgroupMembership(String hierarchyId, GroupPath path) implements Comparable<CgroupMembership> {

    /** The memberships of one process, from {@link io.corral.model.proc.ProcFs#cgroups} (group per hierarchy id). */
    public static List<CgroupMembership> of(Map<String, String> groupByHierarchy) {
        List<CgroupMembership> out = new ArrayList<>(groupByHierarchy.size());
        groupByHierarchy.forEach((id, path) -> out.add(new CgroupMembership(id, GroupPath.ofKernel(path))));
        return out;
    }

    @Override
    public int compareTo(CgroupMembership o) {
        int c = hierarchyId.compareTo(o.hierarchyId);
        return c != 0 ? c : path.compareTo(o.path);
    }

    @Override
    public String toString() {
        return hierarchyId + ":" + path;
    }
}
