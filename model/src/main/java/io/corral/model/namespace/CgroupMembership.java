package io.corral.model.namespace;

import io.corral.model.cgroup.GroupPath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code /proc/<pid>/cgroup}: the group a process is in, in one hierarchy.
 *
 * @param hierarchyId the hierarchy's id as {@code HierarchyDiscovery} names it:
 *                    {@code unified} for cgroup2 (line {@code 0::/path}), the sorted
 *                    controllers ({@code cpu,cpuacct}) or {@code name=systemd} for v1
 * @param path        the path as the reader's cgroup namespace shows it
 */
public record CgroupMembership(String hierarchyId, GroupPath path) implements Comparable<CgroupMembership> {

    /** Parses the whole file; malformed lines are skipped. */
    public static List<CgroupMembership> parse(String procPidCgroup) {
        List<CgroupMembership> out = new ArrayList<>();
        for (String line : procPidCgroup.split("\n")) {
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0) {
                continue;
            }
            String controllers = line.substring(a + 1, b);
            String path = line.substring(b + 1);
            String id;
            if (controllers.isEmpty()) {
                id = "unified";
            } else {
                String[] c = controllers.split(",");
                Arrays.sort(c);
                id = String.join(",", c);
            }
            out.add(new CgroupMembership(id, GroupPath.ofKernel(path)));
        }
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
