package io.corral.views.state;

import io.corral.model.cgroup.GroupPath;

/**
 * The identity of a group across refreshes: its hierarchy and its path. Tree items,
 * selection and expansion are reconciled by this key, never by object identity of a frame.
 */
public record GroupKey(String hierarchyId, GroupPath path) {
    public static GroupKey root(String hierarchyId) {
        return new GroupKey(hierarchyId, GroupPath.ROOT);
    }

    public GroupKey child(String name) {
        return new GroupKey(hierarchyId, path.child(name));
    }

    public GroupKey parent() {
        return new GroupKey(hierarchyId, path.parent());
    }

    @Override
    public String toString() {
        return hierarchyId + ":" + path;
    }
}
