package io.corral.views.state;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.sample.GroupKey;
import io.corral.model.sample.GroupRates;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One hierarchy's groups at one refresh: the root group and everything below it. The
 * groups' places come from a {@link GroupIndex} that consecutive frames share while no
 * group came or went; the frame itself holds one row (and, when made from a snapshot, the
 * model's group and its rates) per slot.
 */
public final class HierarchyFrame {
    private final Hierarchy hierarchy;
    private final GroupIndex index;
    private final GroupRow[] rows;
    private final Group[] groups;
    private final GroupRates[] rates;

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
        this.index = GroupIndex.of(hierarchy.id(), new ArrayList<>(byPath.keySet()), Optional.empty());
        this.rows = byPath.values().toArray(new GroupRow[0]);
        this.groups = new Group[rows.length];
        this.rates = new GroupRates[rows.length];
    }

    /**
     * A frame made from a snapshot (by {@link SnapshotFrames}); the arrays are indexed by
     * {@code index}'s slots and are not copied: the caller hands them over.
     *
     * @param groups the model's group per slot
     * @param rates  the group's rates per slot, {@code null} where absent
     */
    HierarchyFrame(Hierarchy hierarchy, GroupIndex index, GroupRow[] rows, Group[] groups, GroupRates[] rates) {
        if (rows.length != index.size() || groups.length != index.size() || rates.length != index.size()) {
            throw new IllegalArgumentException("one row, group and rate per slot");
        }
        this.hierarchy = hierarchy;
        this.index = index;
        this.rows = rows;
        this.groups = groups;
        this.rates = rates;
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public String id() {
        return hierarchy.id();
    }

    /** The places of the groups; the same object in consecutive frames while no group came or went. */
    public GroupIndex index() {
        return index;
    }

    public GroupRow root() {
        return rows[index.slot(GroupPath.ROOT).orElseThrow()];
    }

    public Optional<GroupRow> group(GroupPath path) {
        OptionalInt s = index.slot(path);
        return s.isPresent() ? Optional.of(rows[s.getAsInt()]) : Optional.empty();
    }

    /** The row at a slot of {@link #index()}. */
    public GroupRow row(int slot) {
        return rows[slot];
    }

    /** The model's group at a path (absent for frames not made from a snapshot). */
    public Optional<Group> modelGroup(GroupPath path) {
        OptionalInt s = index.slot(path);
        return s.isPresent() ? Optional.ofNullable(groups[s.getAsInt()]) : Optional.empty();
    }

    /** Rates of the group at a path between the last two whole snapshots (absent: first one, new or recreated group). */
    public Optional<GroupRates> rates(GroupPath path) {
        OptionalInt s = index.slot(path);
        return s.isPresent() ? Optional.ofNullable(rates[s.getAsInt()]) : Optional.empty();
    }

    /** Children sorted by name; empty for a leaf or an unknown path. */
    public List<GroupRow> children(GroupPath path) {
        int[] kids = index.children(path);
        return kids.length == 0 ? List.of() : new AbstractList<>() {
            @Override
            public GroupRow get(int i) {
                return rows[kids[i]];
            }

            @Override
            public int size() {
                return kids.length;
            }
        };
    }

    /** Every group (made from a snapshot: parents before their children). */
    public Collection<GroupRow> groups() {
        return Collections.unmodifiableList(Arrays.asList(rows));
    }

    public int size() {
        return rows.length;
    }
}
