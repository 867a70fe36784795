package io.corral.views.tree;

import io.corral.views.state.ConsoleFrame;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.HierarchyFrame;
import javafx.collections.ObservableList;
import javafx.event.Event;
import javafx.scene.control.TreeItem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a tree of {@code TreeItem<GroupRow>} up to date with a frame WITHOUT rebuilding it:
 * one item per {@link GroupKey} for as long as the group exists, its value replaced when the
 * row changed, children lists edited in place (remove the vanished, insert the new). So
 * expansion, selection, focus and scroll position survive every refresh. With a filter, only
 * matching groups and their ancestors are children, and those ancestors are expanded.
 * <p>
 * Items are made only where they can be seen: a shown item has its children (so it gets its
 * disclosure arrow), but below a collapsed item nothing is made or updated until it is
 * expanded (then from the last frame, at once). A host with 5000 groups in six hierarchies
 * shows a few dozen items at start instead of 30 000; {@link #item} makes the path to a
 * group on demand.
 */
public final class TreeReconciler {
    private final TreeItem<GroupRow> root;
    private final Map<GroupKey, TreeItem<GroupRow>> items = new HashMap<>();
    private Set<GroupKey> autoExpandOnce = new HashSet<>();
    private ConsoleFrame last;
    private Set<GroupKey> lastVisible;
    private boolean applying;

    /** @param root the tree's hidden root (expanded, not shown); its children become the hierarchies */
    public TreeReconciler(TreeItem<GroupRow> root) {
        this.root = root;
        root.addEventHandler(TreeItem.<GroupRow>branchExpandedEvent(), e -> {
            if (!applying && last != null && e.getTreeItem() != root && e.getTreeItem().getValue() != null) {
                expanded(e.getTreeItem());
            }
        });
    }

    /** A branch was opened: its children are shown now, so they get theirs (from the last frame). */
    private void expanded(TreeItem<GroupRow> item) {
        GroupKey key = item.getValue().key();
        Optional<HierarchyFrame> h = last.hierarchy(key.hierarchyId());
        Optional<GroupRow> row = h.flatMap(x -> x.group(key.path()));
        if (row.isPresent() && items.get(key) == item) {
            applying = true;
            try {
                reconcile(h.get(), row.get(), lastVisible, new HashSet<>(), true);
            } finally {
                applying = false;
            }
        }
    }

    /** Expand these groups the first time they appear (e.g. the first hierarchy at start). */
    public void expandWhenSeen(Set<GroupKey> keys) {
        autoExpandOnce = new HashSet<>(keys);
    }

    /**
     * The item of a group in the tree (shown with the last frame and the filter), made with
     * the path down to it if it is below a collapsed group; not expanded.
     */
    public Optional<TreeItem<GroupRow>> item(GroupKey key) {
        TreeItem<GroupRow> made = items.get(key);
        if (made != null || last == null || key.path().isRoot()) {
            return Optional.ofNullable(made);
        }
        Optional<HierarchyFrame> h = last.hierarchy(key.hierarchyId());
        if (h.isEmpty() || h.get().group(key.path()).isEmpty()
                || (lastVisible != null && !lastVisible.contains(key))) {
            return Optional.empty();
        }
        List<GroupRow> chain = new ArrayList<>();
        for (GroupPath p = key.path().parent(); ; p = p.parent()) {
            h.get().group(p).ifPresent(chain::add);
            if (p.isRoot()) {
                break;
            }
        }
        Collections.reverse(chain);
        applying = true;
        try {
            for (GroupRow a : chain) {
                TreeItem<GroupRow> ai = items.get(a.key());
                if (ai == null) {
                    return Optional.empty();
                }
                // As if shown: its children are made (their own children are not).
                reconcileChildren(h.get(), a, ai, lastVisible, new HashSet<>(), false);
            }
        } finally {
            applying = false;
        }
        return Optional.ofNullable(items.get(key));
    }

    public int size() {
        return items.size();
    }

    public void apply(ConsoleFrame frame, GroupFilter filter) {
        if (filter.isEmpty() && lastVisible == null && last != null && sameGroups(last, frame)) {
            changedValues(last, frame);
            last = frame;
            return;
        }
        Set<GroupKey> visible = filter.isEmpty() ? null : visibleUnder(frame, filter);
        last = frame;
        lastVisible = visible;
        Set<GroupKey> seen = new HashSet<>();
        List<TreeItem<GroupRow>> tops = new ArrayList<>();
        applying = true;
        try {
            for (HierarchyFrame h : frame.hierarchies()) {
                GroupRow top = h.root();
                if (visible != null && !visible.contains(top.key())) {
                    continue;
                }
                tops.add(reconcile(h, top, visible, seen, true));
            }
            sync(root.getChildren(), tops);
        } finally {
            applying = false;
        }
        items.keySet().retainAll(seen);
    }

    /**
     * No group came or went (each hierarchy has the same {@link io.corral.views.state.GroupIndex}
     * object): the items stay as they are.
     */
    private static boolean sameGroups(ConsoleFrame a, ConsoleFrame b) {
        if (a.hierarchies().size() != b.hierarchies().size()) {
            return false;
        }
        for (int i = 0; i < a.hierarchies().size(); i++) {
            if (a.hierarchies().get(i).index() != b.hierarchies().get(i).index()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The usual tick: only the rows that are not the same object as in the last frame are
     * looked at, and only the items made for them get the new value. With 30 000 rows shown
     * a whole reconcile walked (and hashed) every one each second, on the FX thread.
     */
    private void changedValues(ConsoleFrame was, ConsoleFrame now) {
        applying = true;
        try {
            for (int i = 0; i < now.hierarchies().size(); i++) {
                HierarchyFrame a = was.hierarchies().get(i);
                HierarchyFrame b = now.hierarchies().get(i);
                for (int slot = 0; slot < b.size(); slot++) {
                    GroupRow row = b.row(slot);
                    if (row != a.row(slot)) { // frames keep the object of an equal row: identity is enough
                        TreeItem<GroupRow> item = items.get(row.key());
                        if (item != null && item.getValue() != row) {
                            item.setValue(row);
                        }
                    }
                }
            }
        } finally {
            applying = false;
        }
    }

    /**
     * @param shown the item can be seen (every ancestor expanded): its children are made and
     *              updated; else only the item itself, and what is below it is left as it was
     */
    private TreeItem<GroupRow> reconcile(HierarchyFrame h, GroupRow row, Set<GroupKey> visible, Set<GroupKey> seen,
                                         boolean shown) {
        TreeItem<GroupRow> item = items.get(row.key());
        if (item == null) {
            item = new TreeItem<>(row);
            // A value change bubbles up to the root, where TreeTableViewSkin answers it by
            // rebuilding EVERY cell (CSS and layout of all rows: ~0.5 s per frame measured).
            // The cells observe the item's valueProperty themselves, so consuming the event
            // here updates exactly the visible cells whose row changed.
            item.addEventHandler(TreeItem.<GroupRow>valueChangedEvent(), Event::consume);
            items.put(row.key(), item);
            if (autoExpandOnce.remove(row.key())) {
                item.setExpanded(true);
            }
        } else if (!Objects.equals(item.getValue(), row)) {
            item.setValue(row);
        }
        seen.add(row.key());
        if (visible != null && h.children(row.key().path()).stream().anyMatch(c -> visible.contains(c.key()))) {
            item.setExpanded(true); // a filter shows every match
        }
        if (shown) {
            reconcileChildren(h, row, item, visible, seen, item.isExpanded());
        } else {
            keep(item, seen);
        }
        return item;
    }

    private void reconcileChildren(HierarchyFrame h, GroupRow row, TreeItem<GroupRow> item, Set<GroupKey> visible,
                                   Set<GroupKey> seen, boolean childrenShown) {
        List<GroupRow> rows = h.children(row.key().path());
        List<TreeItem<GroupRow>> kids = new ArrayList<>(rows.size());
        for (GroupRow child : rows) {
            if (visible == null || visible.contains(child.key())) {
                kids.add(reconcile(h, child, visible, seen, childrenShown));
            }
        }
        sync(item.getChildren(), kids);
    }

    /** Below a collapsed item: the items made earlier stay (with their expansion) until it opens. */
    private static void keep(TreeItem<GroupRow> item, Set<GroupKey> seen) {
        for (TreeItem<GroupRow> c : item.getChildren()) {
            seen.add(c.getValue().key());
            keep(c, seen);
        }
    }

    /**
     * Edits {@code list} into {@code desired} with few changes, keeping surviving items in
     * place. New items are inserted in runs: every single change of a children list makes the
     * tree table recount its expanded rows (a walk of the whole tree), so inserting 5000
     * children one by one took minutes.
     */
    static <T> void sync(ObservableList<TreeItem<T>> list, List<TreeItem<T>> desired) {
        if (sameItems(list, desired)) {
            return;
        }
        Set<TreeItem<T>> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(desired);
        // removeAll, not removeIf: ObservableList's removeIf removes through the iterator, one
        // change (one recount of the whole tree) per item; 5000 groups removed by another job
        // made a 10 s hand-over.
        Set<TreeItem<T>> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TreeItem<T> i : list) {
            if (!wanted.contains(i)) {
                gone.add(i);
            }
        }
        if (!gone.isEmpty()) {
            list.removeAll(gone);
        }
        if (list.isEmpty()) {
            list.addAll(desired);
            return;
        }
        Set<TreeItem<T>> present = Collections.newSetFromMap(new IdentityHashMap<>());
        present.addAll(list);
        if (changesNeeded(list, desired, present) > MAX_CHANGES) {
            // Groups created between two frames sort in among the others by name ("g10" before
            // "g2"): thousands of runs, each a recount of the whole tree (a 71 s hand-over was
            // measured while another job made 5000 groups). One replacement is one recount.
            list.setAll(desired);
            return;
        }
        int i = 0;
        while (i < desired.size()) {
            TreeItem<T> d = desired.get(i);
            if (i < list.size() && list.get(i) == d) {
                i++;
                continue;
            }
            if (!present.contains(d)) {
                int end = i + 1;
                while (end < desired.size() && !present.contains(desired.get(end))) {
                    end++;
                }
                list.addAll(i, desired.subList(i, end));
                i = end;
                continue;
            }
            int at = indexOfIdentity(list, d);
            list.remove(at);
            list.add(i, d);
            i++;
        }
    }

    /** Separate edits of a children list above which it is replaced at once. */
    static final int MAX_CHANGES = 16;

    /** The edits the loop of {@link #sync} would make: runs of new items plus moved items (an estimate: a moved run counts once per item). */
    private static <T> int changesNeeded(List<TreeItem<T>> list, List<TreeItem<T>> desired, Set<TreeItem<T>> present) {
        int changes = 0;
        boolean inRun = false;
        int at = 0;
        for (TreeItem<T> d : desired) {
            if (!present.contains(d)) {
                if (!inRun) {
                    changes++;
                }
                inRun = true;
                continue;
            }
            inRun = false;
            if (at < list.size() && list.get(at) == d) {
                at++;
            } else {
                changes++;
            }
        }
        return changes;
    }

    private static <T> boolean sameItems(List<TreeItem<T>> a, List<TreeItem<T>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static <T> int indexOfIdentity(List<TreeItem<T>> list, TreeItem<T> item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }

    /** Matching groups and all their ancestors. */
    private static Set<GroupKey> visibleUnder(ConsoleFrame frame, GroupFilter filter) {
        Set<GroupKey> out = new HashSet<>();
        for (HierarchyFrame h : frame.hierarchies()) {
            for (GroupRow g : h.groups()) {
                if (filter.test(g)) {
                    GroupKey k = g.key();
                    out.add(k);
                    while (!k.path().isRoot()) {
                        k = new GroupKey(k.hierarchyId(), k.path().parent());
                        out.add(k);
                    }
                }
            }
        }
        return out;
    }
}
