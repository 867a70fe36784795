package io.corral.views.namespaces;

import io.corral.model.namespace.Namespace;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceSnapshot;
import io.corral.model.namespace.NamespaceType;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The "Namespaces" section of the tree: user namespaces nested by ownership; under each,
 * its pid namespaces (nested by parent) and the namespaces of every other type it owns,
 * grouped by type with counts. Rebuilt from each snapshot, keeping selection and collapsed rows.
 */
public final class NamespaceTree {
    private final NamespaceViewModel model;
    private final TreeView<NamespaceTreeNode> view = new TreeView<>();
    private final Set<String> collapsed = new HashSet<>();
    private boolean rebuilding;

    public NamespaceTree(NamespaceViewModel model) {
        this.model = model;
        view.setId("namespace-tree");
        view.setShowRoot(true);
        view.setMinWidth(220);
        view.setPrefWidth(340);
        view.setCellFactory(tv -> new TreeCell<>() {
            @Override
            protected void updateItem(NamespaceTreeNode item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        view.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (rebuilding) {
                return;
            }
            if (item != null && item.getValue() instanceof NamespaceTreeNode.Ns ns) {
                model.selectedProperty().set(ns.namespace().id());
            } else {
                model.selectedProperty().set(null);
            }
        });
        model.snapshotProperty().addListener((obs, old, snap) -> rebuild(snap));
        rebuild(model.snapshot());
    }

    /** The control to embed. */
    public TreeView<NamespaceTreeNode> view() {
        return view;
    }

    /** The section's root item, for a main tree that shows it beside the hierarchies. */
    public TreeItem<NamespaceTreeNode> root() {
        return view.getRoot();
    }

    private void rebuild(NamespaceSnapshot snap) {
        rebuilding = true;
        try {
            TreeItem<NamespaceTreeNode> old = view.getRoot();
            if (old != null) {
                remember(old);
            }
            Map<NamespaceType, NamespaceId> host = snap.hostNamespaces();
            TreeItem<NamespaceTreeNode> root = item(new NamespaceTreeNode.Section(snap.namespaces().size()));
            for (Namespace user : snap.rootUserNamespaces()) {
                root.getChildren().add(userItem(snap, user, host));
            }
            view.setRoot(root);
            select(root, model.selectedProperty().get() == null ? null : model.selectedProperty().get().toString());
        } finally {
            rebuilding = false;
        }
    }

    private TreeItem<NamespaceTreeNode> userItem(NamespaceSnapshot snap, Namespace user,
                                                 Map<NamespaceType, NamespaceId> host) {
        TreeItem<NamespaceTreeNode> item = item(new NamespaceTreeNode.Ns(user, user.id().equals(host.get(NamespaceType.USER))));
        Map<NamespaceType, List<Namespace>> byType = new TreeMap<>();
        for (Namespace owned : snap.ownedBy(user.id())) {
            if (owned.type() == NamespaceType.PID && owned.parent().flatMap(snap::get)
                    .map(p -> p.owner().equals(owned.owner())).orElse(false)) {
                continue; // shown under its parent pid namespace
            }
            byType.computeIfAbsent(owned.type(), t -> new ArrayList<>()).add(owned);
        }
        byType.forEach((type, list) -> {
            int count = type == NamespaceType.PID ? countPid(snap, list) : list.size();
            TreeItem<NamespaceTreeNode> group = item(new NamespaceTreeNode.TypeGroup(user.id(), type, count));
            for (Namespace ns : list) {
                group.getChildren().add(type == NamespaceType.PID ? pidItem(snap, ns, host) : nsItem(ns, host));
            }
            item.getChildren().add(group);
        });
        for (Namespace child : snap.children(user.id())) {
            item.getChildren().add(userItem(snap, child, host));
        }
        return item;
    }

    private int countPid(NamespaceSnapshot snap, List<Namespace> tops) {
        int n = 0;
        for (Namespace ns : tops) {
            n += 1 + countPid(snap, nestedPid(snap, ns));
        }
        return n;
    }

    private List<Namespace> nestedPid(NamespaceSnapshot snap, Namespace pid) {
        return snap.children(pid.id()).stream().filter(c -> c.owner().equals(pid.owner())).toList();
    }

    private TreeItem<NamespaceTreeNode> pidItem(NamespaceSnapshot snap, Namespace ns,
                                                Map<NamespaceType, NamespaceId> host) {
        TreeItem<NamespaceTreeNode> item = nsItem(ns, host);
        for (Namespace child : nestedPid(snap, ns)) {
            item.getChildren().add(pidItem(snap, child, host));
        }
        return item;
    }

    private TreeItem<NamespaceTreeNode> nsItem(Namespace ns, Map<NamespaceType, NamespaceId> host) {
        return item(new NamespaceTreeNode.Ns(ns, ns.id().equals(host.get(ns.type()))));
    }

    private TreeItem<NamespaceTreeNode> item(NamespaceTreeNode node) {
        TreeItem<NamespaceTreeNode> item = new TreeItem<>(node);
        item.setExpanded(!collapsed.contains(node.key()));
        return item;
    }

    private void remember(TreeItem<NamespaceTreeNode> item) {
        if (!item.isLeaf()) {
            if (item.isExpanded()) {
                collapsed.remove(item.getValue().key());
            } else {
                collapsed.add(item.getValue().key());
            }
        }
        item.getChildren().forEach(this::remember);
    }

    private boolean select(TreeItem<NamespaceTreeNode> item, String key) {
        if (key == null) {
            return false;
        }
        if (item.getValue().key().equals(key)) {
            view.getSelectionModel().select(item);
            return true;
        }
        for (TreeItem<NamespaceTreeNode> c : item.getChildren()) {
            if (select(c, key)) {
                return true;
            }
        }
        return false;
    }
}
