package io.corral.views.state;

import io.corral.model.sample.GroupKey;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One hierarchy's groups at one refresh: the root group and everything below it. */
public final class HierarchyFrame {
    private final Hierarchy hierarchy;
    private final Map<GroupPath, GroupRow> groups;
    private final Map<GroupPath, List<GroupRow>> children;

    /** @param groups every group of the hierarchy, the root included; any order */
    public HierarchyFrame(Hierarchy hierarchy, Collection<GroupRow> groups) {
        this.hierarchy = hierarchy;
        Map<GroupPath, GroupRow> byPath = new LinkedHashMap<>();
        for (GroupRow g : groups) {
            if (!g.key().hierarchyId().equals(hierarchy.id())) {
                throw new IllegalArgumentException(g.key() + " is not in hierarchy " + hierarchy.id());
            }
            byPath.put(g.key().path(), g);
        }
        if (!byPath.containsKey(GroupPath.ROOT)) {
            byPath.put(GroupPath.ROOT, GroupRow.bare(new GroupKey(hierarchy.id(), GroupPath.ROOT), hierarchy.version()));
        }
        Map<GroupPath, List<GroupRow>> kids = new HashMap<>();
        for (GroupRow g : byPath.values()) {
            if (!g.isRoot()) {
                kids.computeIfAbsent(g.key().path().parent(), p -> new ArrayList<>()).add(g);
            }
        }
        kids.values().forEach(l -> l.sort((a, b) -> a.name().compareTo(b.name())));
        this.groups = byPath;
        this.children = kids;
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public String id() {
        return hierarchy.id();
    }

    public GroupRow root() {
        return groups.get(GroupPath.ROOT);
    }

    public Optional<GroupRow> group(GroupPath path) {
        return Optional.ofNullable(groups.get(path));
    }

    /** Children sorted by name; empty for a leaf or an unknown path. */
    public List<GroupRow> children(GroupPath path) {
        return children.getOrDefault(path, List.of());
    }

    public Collection<GroupRow> groups() {
        return groups.values();
    }

    public int size() {
        return groups.size();
    }
}
