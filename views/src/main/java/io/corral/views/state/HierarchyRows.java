package io.corral.views.state;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.sample.GroupRates;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link SnapshotFrames} remembers of one hierarchy between frames, on the sampler
 * thread: the {@link GroupIndex} of its groups and, per slot, the model's group of the last
 * whole snapshot, its rates and its row. A frame walks the snapshot's tree into slots
 * (no allocation while no group came or went) and patches these arrays; a group that came
 * or went makes a new index, and the state of the others is carried over by path.
 */
final class HierarchyRows {
    private final String hierarchyId;
    private GroupIndex index;
    /** The walk of the newest snapshot: its groups by slot ({@code null}: the mount's root above a subtree). */
    private GroupPath[] paths = new GroupPath[64];
    private Group[] now = new Group[64];
    private int count;
    /** The paths of the last walk by slot (the index's keys may hold equal paths of an older reading). */
    private GroupPath[] indexed = new GroupPath[0];
    /** By slot of {@link #index}: what the last whole frame was made from and made. */
    Group[] was = new Group[0];
    GroupRates[] rates = new GroupRates[0];
    /** The slot's rates are those of its group against itself: all zero or absent, whatever the interval. */
    boolean[] steady = new boolean[0];
    GroupRow[] rows = new GroupRow[0];

    HierarchyRows(String hierarchyId) {
        this.hierarchyId = hierarchyId;
    }

    /** Takes the groups of {@code tree} into slots, parents before children; a new index if a group came or went. */
    void walk(HierarchyTree tree) {
        count = 0;
        if (!tree.root().path().isRoot()) {
            add(GroupPath.ROOT, null); // a subtree was read: the mount's root still heads the tree
        }
        collect(tree.root());
        if (index == null || !sameGroups()) {
            reindex();
        }
        if (indexed.length != count) {
            indexed = new GroupPath[count];
        }
        System.arraycopy(paths, 0, indexed, 0, count);
    }

    private void collect(Group g) {
        add(g.path(), g);
        List<Group> kids = g.children();
        for (int i = 0; i < kids.size(); i++) { // no iterator: 30 000 groups a tick
            collect(kids.get(i));
        }
    }

    /**
     * The same paths slot by slot as the last walk: the tracking reader hands over the same
     * path objects while a group lives, so this is a comparison of references; an equal path
     * of another reading (the first, by names only) is compared name by name.
     */
    private boolean sameGroups() {
        if (count != indexed.length) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (indexed[i] != paths[i] && !samePath(indexed[i], paths[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@link GroupPath#equals} without its iterators. */
    private static boolean samePath(GroupPath a, GroupPath b) {
        List<String> x = a.names();
        List<String> y = b.names();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = x.size() - 1; i >= 0; i--) { // leaves differ first
            if (!x.get(i).equals(y.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void add(GroupPath path, Group g) {
        if (count == paths.length) {
            paths = Arrays.copyOf(paths, count * 2);
            now = Arrays.copyOf(now, count * 2);
        }
        paths[count] = path;
        now[count] = g;
        count++;
    }

    private void reindex() {
        GroupIndex next = GroupIndex.of(hierarchyId, Arrays.asList(paths).subList(0, count), Optional.ofNullable(index));
        Group[] w = new Group[count];
        GroupRates[] r = new GroupRates[count];
        boolean[] s = new boolean[count];
        GroupRow[] g = new GroupRow[count];
        for (int i = 0; i < count; i++) {
            OptionalInt old = index == null ? OptionalInt.empty() : index.slot(paths[i]);
            if (old.isPresent()) {
                int o = old.getAsInt();
                w[i] = was[o];
                r[i] = rates[o];
                s[i] = steady[o];
                g[i] = rows[o];
            }
        }
        index = next;
        was = w;
        rates = r;
        steady = s;
        rows = g;
    }

    GroupIndex index() {
        return index;
    }

    /** The newest snapshot's group at a slot; {@code null} for the mount's root above a subtree read alone. */
    Group now(int slot) {
        return now[slot];
    }

    /** A fresh array of the newest snapshot's groups by slot (a frame's own). */
    Group[] groups() {
        return Arrays.copyOf(now, count);
    }
}
