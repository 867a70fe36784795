package io.corral.views.tree;

import io.corral.styles.Styles;
import io.corral.views.state.ConsoleFrame;
import io.corral.views.state.ConsoleState;
import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.Units;
import io.corral.views.tasks.DropVerdict;
import io.corral.views.tasks.TaskDrag;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The left pane: every hierarchy as a top-level node, its groups below, in a tree-table with
 * usage columns, a filter box, and drop targets for dragged tasks. Items are reconciled by
 * {@link GroupKey} on every frame ({@link TreeReconciler}), never rebuilt.
 */
public final class GroupTreeView extends VBox {
    private final ConsoleState state;
    private final TaskDrag drag;
    private final TreeTableView<GroupRow> table = new TreeTableView<>();
    private final TextField filter = new TextField();
    private final TreeReconciler reconciler;
    private final Map<String, String> hierarchyLabels = new HashMap<>();
    private BiConsumer<GroupRow, TaskDrag.Dragged> onDrop = (g, d) -> { };
    private boolean syncingSelection;

    public GroupTreeView(ConsoleState state, TaskDrag drag) {
        this.state = state;
        this.drag = drag;
        setId("group-tree-pane");
        TreeItem<GroupRow> root = new TreeItem<>();
        root.setExpanded(true);
        table.setRoot(root);
        table.setShowRoot(false);
        table.setId("group-tree");
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        reconciler = new TreeReconciler(root);
        table.getColumns().setAll(java.util.List.of(
                GroupColumns.name(id -> hierarchyLabels.getOrDefault(id, id)),
                GroupColumns.text("Tasks", "Processes in the group (cgroup.procs).", 58, GroupRow::tasksKnown,
                        g -> Integer.toString(g.tasks().size()), g -> null),
                GroupColumns.text("CPU %", "CPU time used over the last interval, in % of ONE core "
                        + "(cpu.stat usage_usec / cpuacct.usage). 200 % = two cores busy.", 64,
                        g -> Units.percent(g.cpuPercent()), g -> null),
                GroupColumns.text("Memory", "memory.current / memory.max (v1: memory.usage_in_bytes / "
                        + "memory.limit_in_bytes). Red at the limit: the kernel reclaims or OOM-kills there.", 136,
                        g -> Units.usageOfLimit(g.memoryCurrent(), g.memoryLimit()),
                        g -> GroupColumns.usageClass(g.memoryCurrent(), g.memoryLimit())),
                GroupColumns.text("IO", "Bytes read and written per second (io.stat / blkio.throttle.io_service_bytes).",
                        84, g -> Units.rate(g.ioBytesPerSecond()), g -> null),
                GroupColumns.text("Pids", "pids.current / pids.max: tasks (threads included) against the "
                        + "pids controller's limit; fork fails with EAGAIN at the limit.", 72,
                        g -> Units.countOfLimit(g.pidsCurrent(), g.pidsMax()),
                        g -> GroupColumns.usageClass(g.pidsCurrent(), g.pidsMax())),
                GroupColumns.text("Frozen", GroupColumns.FROZEN_TIP, 72, GroupColumns::freezeText,
                        g -> g.frozenOrFreezing() ? Styles.FROZEN : null)));
        table.setRowFactory(t -> new DropRow());
        table.setPlaceholder(new Label("Waiting for the first snapshot of the kernel\u2026"));

        filter.setId("group-filter");
        filter.setPromptText("Find group by name, PID or command");
        HBox.setHgrow(filter, Priority.ALWAYS);
        FontIcon search = new FontIcon(Material2MZ.SEARCH);
        search.getStyleClass().add(Styles.MUTED);
        HBox filterBox = new HBox(search, filter);
        filterBox.getStyleClass().add(Styles.FILTER_BOX);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(filterBox, table);

        // While tasks are dragged the rows must not move under the pointer: frames that arrive
        // meanwhile are applied when the drag ends (the newest one; nothing is lost).
        state.frameProperty().addListener((o, was, now) -> {
            if (!drag.busyProperty().get()) {
                state.work().time("tree", () -> refresh(now));
            }
        });
        drag.busyProperty().addListener((o, was, now) -> {
            if (!now) {
                state.frame().ifPresent(this::refresh);
            }
        });
        filter.textProperty().addListener((o, was, now) -> state.frame().ifPresent(this::refresh));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncingSelection && now != null && now.getValue() != null) {
                state.selection().selectGroup(now.getValue().key());
            }
        });
        state.selection().groupProperty().addListener((o, was, now) -> reveal(now));
    }

    private void refresh(ConsoleFrame frame) {
        if (frame == null) {
            return;
        }
        boolean first = hierarchyLabels.isEmpty();
        frame.hierarchies().forEach(h -> hierarchyLabels.put(h.id(), h.hierarchy().label()));
        if (first && !frame.hierarchies().isEmpty()) {
            reconciler.expandWhenSeen(Set.of(frame.hierarchies().get(0).root().key()));
        }
        syncingSelection = true;
        try {
            reconciler.apply(frame, new GroupFilter(filter.getText()));
        } finally {
            syncingSelection = false;
        }
        keepSelectionOnTheSelectedGroup();
        if (highlighted() == null) {
            if (state.selection().group().isPresent()) {
                state.selection().group().ifPresent(this::reveal);
            } else if (first && !frame.hierarchies().isEmpty()) {
                // Start somewhere useful: the first hierarchy's root group and its processes.
                state.selection().selectGroup(frame.hierarchies().get(0).root().key());
            }
        }
    }

    /**
     * When the filter hides the selected row, the table's selection model moves its
     * highlight to a neighbour without the console's selection following: the highlight would
     * then name another group than the task pane shows. Put it back on the selected group, or
     * clear it while that group is filtered out.
     */
    private void keepSelectionOnTheSelectedGroup() {
        GroupKey wanted = state.selection().group().orElse(null);
        TreeItem<GroupRow> shown = highlighted();
        if (wanted == null || (shown != null && shown.getValue() != null && shown.getValue().key().equals(wanted))) {
            return;
        }
        if (reconciler.item(wanted).filter(this::inTree).isPresent()) {
            reveal(wanted);
            return;
        }
        syncingSelection = true;
        try {
            table.getSelectionModel().clearSelection();
        } finally {
            syncingSelection = false;
        }
    }

    /**
     * The item of the highlighted row. Not always the selection model's selected item: when
     * the filter takes the selected item out of the tree, the model keeps that item as
     * selected while its index (what is drawn highlighted) now falls on a neighbour.
     */
    private TreeItem<GroupRow> highlighted() {
        int i = table.getSelectionModel().getSelectedIndex();
        TreeItem<GroupRow> at = i < 0 ? null : table.getTreeItem(i);
        return at != null && at == table.getSelectionModel().getSelectedItem() ? at : null;
    }

    /** Whether the item hangs under the table's root (a filtered-out item is detached). */
    private boolean inTree(TreeItem<GroupRow> item) {
        TreeItem<GroupRow> p = item;
        while (p.getParent() != null) {
            p = p.getParent();
        }
        return p == table.getRoot();
    }

    /** Selects (expanding its ancestors) the item of a group, if it is in the tree. */
    private void reveal(GroupKey key) {
        if (key == null) {
            return;
        }
        reconciler.item(key).filter(this::inTree).ifPresent(item -> {
            if (highlighted() == item) {
                return;
            }
            for (TreeItem<GroupRow> p = item.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            syncingSelection = true;
            try {
                table.getSelectionModel().select(item);
                int row = table.getRow(item);
                if (row >= 0) {
                    table.scrollTo(Math.max(0, row - 3));
                }
            } finally {
                syncingSelection = false;
            }
        });
    }

    /** Called on an allowed drop with the target group and the dragged tasks. */
    public void setOnDrop(BiConsumer<GroupRow, TaskDrag.Dragged> onDrop) {
        this.onDrop = onDrop;
    }

    public TreeTableView<GroupRow> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    public Optional<TreeItem<GroupRow>> item(GroupKey key) {
        return reconciler.item(key);
    }

    /** A tree row that judges the tasks dragged over it and accepts them only when allowed. */
    private final class DropRow extends TreeTableRow<GroupRow> {
        DropRow() {
            setOnDragOver(this::over);
            setOnDragEntered(this::over);
            setOnDragExited(e -> {
                getStyleClass().removeAll(Styles.DROP_ALLOWED, Styles.DROP_REFUSED);
                e.consume();
            });
            setOnDragDropped(this::dropped);
        }

        private Optional<DropVerdict> verdict() {
            // The tree item's value, not getItem(): values change in place (TreeReconciler).
            GroupRow target = getTreeItem() == null ? null : getTreeItem().getValue();
            if (isEmpty() || target == null) {
                return Optional.empty();
            }
            return drag.current().flatMap(d -> state.frame().map(f ->
                    DropVerdict.judge(f.host(), d, target)));
        }

        private void over(DragEvent e) {
            Optional<DropVerdict> v = verdict();
            getStyleClass().removeAll(Styles.DROP_ALLOWED, Styles.DROP_REFUSED);
            if (v.isEmpty()) {
                return;
            }
            drag.verdictProperty().set(v.get());
            if (v.get().allowed()) {
                e.acceptTransferModes(TransferMode.MOVE);
                getStyleClass().add(Styles.DROP_ALLOWED);
            } else {
                getStyleClass().add(Styles.DROP_REFUSED);
            }
            e.consume();
        }

        private void dropped(DragEvent e) {
            Optional<DropVerdict> v = verdict();
            Optional<TaskDrag.Dragged> d = drag.current();
            boolean ok = v.isPresent() && v.get().allowed() && d.isPresent();
            if (ok) {
                onDrop.accept(getTreeItem().getValue(), d.get());
            }
            getStyleClass().removeAll(Styles.DROP_ALLOWED, Styles.DROP_REFUSED);
            e.setDropCompleted(ok);
            e.consume();
        }
    }
}
