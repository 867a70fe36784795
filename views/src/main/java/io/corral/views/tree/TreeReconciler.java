package io.corral.views.tree;

import io.corral.views.state.ConsoleFrame;
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
 */
public final class TreeReconciler {
    private final TreeItem<GroupRow> root;
    private final Map<GroupKey, TreeItem<GroupRow>> items = new HashMap<>();
    private Set<GroupKey> autoExpandOnce = new HashSet<>();

    /** @param root the tree's hidden root; its children become the hierarchies */
    public TreeReconciler(TreeItem<GroupRow> root) {
        this.root = root;
    }

    /** Expand these groups the first time they appear (e.g. the first hierarchy at start). */
    public void expandWhenSeen(Set<GroupKey> keys) {
        autoExpandOnce = new HashSet<>(keys);
    }

    public Optional<TreeItem<GroupRow>> item(GroupKey key) {
        return Optional.ofNullable(items.get(key));
    }

    public int size() {
        return items.size();
    }

    public void apply(ConsoleFrame frame, GroupFilter filter) {
        Set<GroupKey> visible = filter.isEmpty() ? null : visibleUnder(frame, filter);
        Set<GroupKey> seen = new HashSet<>();
        List<TreeItem<GroupRow>> tops = new ArrayList<>();
        for (HierarchyFrame h : frame.hierarchies()) {
            GroupRow top = h.root();
            if (visible != null && !visible.contains(top.key())) {
                continue;
            }
            tops.add(reconcile(h, top, visible, seen));
        }
        sync(root.getChildren(), tops);
        items.keySet().retainAll(seen);
    }

    private TreeItem<GroupRow> reconcile(HierarchyFrame h, GroupRow row, Set<GroupKey> visible, Set<GroupKey> seen) {
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
        List<TreeItem<GroupRow>> kids = new ArrayList<>();
        for (GroupRow child : h.children(row.key().path())) {
            if (visible == null || visible.contains(child.key())) {
                kids.add(reconcile(h, child, visible, seen));
            }
        }
        sync(item.getChildren(), kids);
        if (visible != null && !kids.isEmpty()) {
            item.setExpanded(true);
        }
        return item;
    }

    /** Edits {@code list} into {@code desired} with few changes, keeping surviving items in place. */
    static <T> void sync(ObservableList<TreeItem<T>> list, List<TreeItem<T>> desired) {
        if (sameItems(list, desired)) {
            return;
        }
        Set<TreeItem<T>> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(desired);
        list.removeIf(i -> !wanted.contains(i));
        for (int i = 0; i < desired.size(); i++) {
            TreeItem<T> d = desired.get(i);
            if (i < list.size() && list.get(i) == d) {
                continue;
            }
            int at = indexOfIdentity(list, d);
            if (at >= 0) {
                list.remove(at);
            }
            list.add(i, d);
        }
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
