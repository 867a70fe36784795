package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;

import java.util.Objects;

/** A group's place: hierarchy id and path. Its identity over time also needs the inode. */
public record GroupKey(String hierarchyId, GroupPath path) {
    public GroupKey {
        Objects.requireNonNull(hierarchyId);
        Objects.requireNonNull(path);
    }

    @Override
    public String toString() {
        return hierarchyId + ":" + path;
    }
}
