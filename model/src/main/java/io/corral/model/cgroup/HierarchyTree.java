package io.corral.model.cgroup;

import java.util.Objects;
import java.util.Optional;

/** One hierarchy with its group tree (rooted at the mount's root, or at a requested subtree). */
public record HierarchyTree(Hierarchy hierarchy, Group root) {
    public HierarchyTree {
        Objects.requireNonNull(hierarchy);
        Objects.requireNonNull(root);
    }

    public Optional<Group> find(GroupPath path) {
        return root.find(path);
    }
}
