package io.corral.views.state;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.sample.GroupKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The groups of one hierarchy as numbered places (slots): a key per group, made once, the
 * slot of each path, and each group's children sorted by name. Immutable, and shared by
 * consecutive frames for as long as no group of the hierarchy came or went, so a frame
 * itself is only arrays indexed by slot (rows, model groups, rates): at 5000 groups in six
 * hierarchies a frame used to rebuild maps of 30 000 entries every second, which lived
 * across a tick and filled the old generation.
 */
public final class GroupIndex {
    private static final int[] NO_CHILDREN = new int[0];
    private final String hierarchyId;
    private final GroupKey[] keys;
    private final Map<GroupPath, Integer> slots;
    private final Map<GroupPath, int[]> children;

    private GroupIndex(String hierarchyId, GroupKey[] keys) {
        this.hierarchyId = hierarchyId;
        this.keys = keys;
        this.slots = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            if (slots.put(keys[i].path(), i) != null) {
                throw new IllegalArgumentException(keys[i] + " twice");
            }
        }
        Map<GroupPath, List<Integer>> kids = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            GroupPath p = keys[i].path();
            if (!p.isRoot()) {
                kids.computeIfAbsent(p.parent(), x -> new ArrayList<>()).add(i);
            }
        }
        this.children = new HashMap<>(kids.size() * 2);
        kids.forEach((parent, list) -> children.put(parent, list.stream()
                .sorted((a, b) -> keys[a].path().name().compareTo(keys[b].path().name()))
                .mapToInt(Integer::intValue).toArray()));
    }

    /**
     * The index of {@code paths} (slots in this order; no path twice), keeping the key
     * objects of {@code previous} for the paths it had (so identity-keyed maps of the views
     * keep finding them).
     */
    public static GroupIndex of(String hierarchyId, List<GroupPath> paths, Optional<GroupIndex> previous) {
        GroupKey[] keys = new GroupKey[paths.size()];
        for (int i = 0; i < keys.length; i++) {
            GroupPath p = paths.get(i);
            OptionalInt was = previous.isPresent() ? previous.get().slot(p) : OptionalInt.empty();
            keys[i] = was.isPresent() ? previous.get().key(was.getAsInt()) : new GroupKey(hierarchyId, p);
        }
        return new GroupIndex(hierarchyId, keys);
    }

    public String hierarchyId() {
        return hierarchyId;
    }

    public int size() {
        return keys.length;
    }

    public GroupKey key(int slot) {
        return keys[slot];
    }

    public GroupPath path(int slot) {
        return keys[slot].path();
    }

    public OptionalInt slot(GroupPath path) {
        Integer s = slots.get(path);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s);
    }

    /** Slots of the children of {@code path}, sorted by name; empty for a leaf or an unknown path. Do not modify. */
    public int[] children(GroupPath path) {
        return children.getOrDefault(path, NO_CHILDREN);
    }
}
