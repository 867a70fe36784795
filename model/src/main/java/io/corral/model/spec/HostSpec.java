package io.corral.model.spec;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.limit.Setting;

import java.util.List;
import java.util.Objects;

/**
 * A versionable description of groups and their limits (what {@code corral export}
 * writes and {@code corral apply} reads back): per hierarchy, the groups (parents before
 * children, never the root) with their limits in the knob vocabulary.
 */
public record HostSpec(List<HierarchyGroups> hierarchies) {
    public static final String FORMAT = "corral-spec/1";

    public HostSpec {
        hierarchies = List.copyOf(hierarchies);
    }

    /** @param hierarchy id as discovered ({@code unified}, {@code memory}, {@code cpu,cpuacct}, {@code name=systemd}) */
    public record HierarchyGroups(String hierarchy, List<GroupEntry> groups) {
        public HierarchyGroups {
            Objects.requireNonNull(hierarchy);
            groups = List.copyOf(groups);
        }
    }

    public record GroupEntry(GroupPath path, List<Setting> limits) {
        public GroupEntry {
            Objects.requireNonNull(path);
            if (path.isRoot()) {
                throw new IllegalArgumentException("the root group is not part of a spec");
            }
            limits = List.copyOf(limits);
        }
    }
}
