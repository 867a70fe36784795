package io.corral.views.tasks;

import io.corral.styles.Styles;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import io.corral.views.state.TaskRow;
import io.corral.views.state.Units;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The centre pane: the processes of the selected group, sortable, multi-select, and the
 * source of task drags onto the group tree. One item per process, updated in place each frame
 * ({@link ProcessRows}); the selection is kept by PID when the group changes.
 */
public final class TaskTableView extends VBox {
    private final ConsoleState state;
    private final TaskDrag drag;
    private final ProcessRows processes = new ProcessRows();
    private final TableView<TaskRow> table = new TableView<>() {
        /**
         * The cells on screen read their process's row again, in place (the Namespaces column
         * calls this for each new namespace snapshot). TableView's own refresh recreates every
         * cell, which re-applies CSS to the whole table in one pulse.
         */
        @Override
        public void refresh() {
            processes.refresh();
        }
    };
    private final Label title = new Label("Tasks");
    private final Label subtitle = new Label("Select a group to see its processes.");
    private final ToggleButton showThreads = new ToggleButton("Show threads");
    private final ThreadList threads;
    /** htop's key for threads; Ctrl+Shift+T is Thaw. */
    public static final KeyCombination SHOW_THREADS = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN);
    private Consumer<DropVerdict> onRefusedDrop = v -> { };
    private boolean restoring;

    public TaskTableView(ConsoleState state, TaskDrag drag) {
        this.state = state;
        this.drag = drag;
        this.threads = new ThreadList(state, drag,
                processes::byPid, v -> onRefusedDrop.accept(v));
        setId("task-pane");
        title.getStyleClass().add(Styles.PANEL_TITLE);
        subtitle.getStyleClass().add(Styles.PANEL_SUBTITLE);
        table.setId("task-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<TaskRow> sorted = new SortedList<>(processes.items());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().setAll(List.of(
                column("PID", 60, TaskRow::pid, t -> Long.toString(t.pid()), true, null),
                column("Command", 260, TaskRow::command, TaskRow::command, false, null),
                column("User", 64, TaskRow::user, TaskRow::user, false, null),
                column("State", 56, TaskRow::state, TaskRow::state, false,
                        "From /proc/PID/stat: R running, S sleeping, D uninterruptible (usually I/O), "
                        + "T stopped (also frozen on v1), Z zombie (exited, not yet reaped), I idle kernel thread."),
                column("CPU %", 64, t -> t.cpuPercent().orElse(-1), t -> Units.percent(t.cpuPercent()), true,
                        "CPU time over the last interval in % of one core."),
                column("RSS", 76, t -> t.rssBytes().orElse(-1), t -> Units.bytes(t.rssBytes()), true,
                        "Resident set size: memory pages of the process now in RAM."),
                column("Threads", 84, TaskRow::threads, t -> Integer.toString(t.threads()), true, null),
                column("Namespaces", 110, t -> t.namespaces().orElse(""), t -> t.namespaces().orElse(Units.ABSENT),
                        false, "Namespaces that differ from PID 1's (pid, mnt, net, user, ...).")));
        // Namespaces stay hidden until a source fills them (NamespaceColumn shows the column where
        // a namespace reader runs); every column can be toggled in the table menu.
        table.setTableMenuButtonVisible(true);
        table.getColumns().stream().filter(c -> c.getId().equals("task-col-namespaces"))
                .forEach(c -> c.setVisible(false));
        table.setRowFactory(t -> dragSourceRow());
        table.setOnDragDone(e -> {
            Optional<DropVerdict> last = drag.finish();
            if (e.getTransferMode() == null) {
                last.filter(v -> !v.allowed()).ifPresent(onRefusedDrop);
            }
            e.consume();
        });
        table.setPlaceholder(new Label("No processes in this group."));
        VBox.setVgrow(table, Priority.ALWAYS);
        showThreads.setId("task-show-threads");
        showThreads.setTooltip(new Tooltip("List the threads (TID, name, state) of the selected processes "
                + "below the table (" + SHOW_THREADS.getDisplayText() + "); drag threads onto a group to move "
                + "them alone (v1, or between threaded cgroup2 groups)."));
        threads.visibleProperty().bind(showThreads.selectedProperty());
        threads.managedProperty().bind(showThreads.selectedProperty());
        showThreads.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                threads.show(state.selection().tasks());
            }
        });
        state.selection().tasks().addListener((javafx.collections.ListChangeListener<Long>) c -> {
            if (showThreads.isSelected()) {
                threads.show(state.selection().tasks());
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (SHOW_THREADS.match(e)) {
                showThreads.fire();
                e.consume();
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // The button keeps its words; the hint beside it gives way first ("Show th…" said nothing).
        showThreads.setMinWidth(Region.USE_PREF_SIZE);
        subtitle.setMinWidth(0);
        HBox header = new HBox(8, subtitle, gap, showThreads);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new javafx.geometry.Insets(0, 4, 2, 0));
        getChildren().setAll(title, header, table, threads);

        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<TaskRow>) c -> {
            if (!restoring) {
                state.selection().selectTasks(table.getSelectionModel().getSelectedItems().stream()
                        .map(TaskRow::pid).toList());
            }
        });
        // Rows stay put while a button is held or tasks are dragged; the newest frame is shown after.
        table.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> drag.pointerHeldProperty().set(true));
        table.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (drag.current().isEmpty()) {
                drag.pointerHeldProperty().set(false);
            }
        });
        state.selection().groupRow().addListener((o, was, now) -> {
            if (!drag.busyProperty().get() || !sameGroup(was, now)) {
                state.work().time("tasks", () -> show(now));
            }
        });
        drag.busyProperty().addListener((o, was, now) -> {
            if (!now) {
                show(state.selection().groupRow().get());
            }
        });
    }

    /** Where the "Show threads" listing reads threads (off the FX thread). */
    public void setThreadSource(Function<List<Long>, java.util.concurrent.CompletableFuture<
            java.util.Map<Long, List<io.corral.model.proc.ThreadInfo>>>> source) {
        threads.setSource(source);
    }

    /** The "Show threads" toggle. */
    public ToggleButton showThreadsToggle() {
        return showThreads;
    }

    /** The thread listing under the table. */
    public ThreadList threadList() {
        return threads;
    }

    /** Adds a line below the pane's subtitle (e.g. the namespaces' container hint). */
    public void addHeaderLine(javafx.scene.Node line) {
        getChildren().add(getChildren().indexOf(table), line);
    }

    /** The column whose cells another feature fills (e.g. "Namespaces"), by its header text. */
    @SuppressWarnings("unchecked")
    public TableColumn<TaskRow, TaskRow> column(String name) {
        return (TableColumn<TaskRow, TaskRow>) table.getColumns().stream()
                .filter(c -> c.getGraphic() instanceof Label l && l.getText().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no column " + name));
    }

    private static boolean sameGroup(Optional<GroupRow> a, Optional<GroupRow> b) {
        return a.isPresent() && b.isPresent() && a.get().key().equals(b.get().key());
    }

    private void show(Optional<GroupRow> group) {
        List<Long> keep = new ArrayList<>(state.selection().tasks());
        restoring = true;
        try {
            if (group.isEmpty()) {
                processes.show(List.of());
                title.setText("Tasks");
                subtitle.setText(state.selection().group().isPresent()
                        ? "The selected group no longer exists." : "Select a group to see its processes.");
                return;
            }
            GroupRow g = group.get();
            processes.show(g.tasks());
            title.setText("Tasks of " + g.key().path() + "  (" + g.key().hierarchyId() + ")");
            subtitle.setText(!g.tasksKnown() ? "Reading the processes\u2026"
                    : g.tasks().size() + (g.tasks().size() == 1 ? " process" : " processes")
                    + " \u00b7 drag rows onto a group to move them, or press Ctrl+M");
            Set<Long> wanted = new HashSet<>(keep);
            var sm = table.getSelectionModel();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (wanted.contains(table.getItems().get(i).pid())) {
                    indices.add(i);
                }
            }
            List<Long> now = sm.getSelectedItems().stream().map(TaskRow::pid).toList();
            if (!new HashSet<>(now).equals(wanted)) {
                sm.clearSelection();
                indices.forEach(sm::select);
            }
        } finally {
            restoring = false;
        }
        List<Long> stillThere = table.getSelectionModel().getSelectedItems().stream().map(TaskRow::pid).toList();
        if (!stillThere.equals(keep)) {
            state.selection().selectTasks(stillThere);
        }
    }

    private TableRow<TaskRow> dragSourceRow() {
        TableRow<TaskRow> row = new TableRow<>();
        row.setOnDragDetected(e -> {
            if (row.isEmpty() || row.getItem() == null) {
                return;
            }
            Optional<GroupRow> source = state.selection().groupRow().get();
            if (source.isEmpty()) {
                return;
            }
            List<TaskRow> tasks = row.isSelected() ? selectedTasks() : List.of(newest(row.getItem()));
            TaskDrag.Dragged d = new TaskDrag.Dragged(source.get(), tasks);
            drag.start(d);
            Dragboard db = row.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.put(TaskDrag.FORMAT, d.encode());
            content.putString(d.pids().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
            db.setContent(content);
            e.consume();
        });
        return row;
    }

    private <K extends Comparable<K>> TableColumn<TaskRow, TaskRow> column(
            String name, double width, Function<TaskRow, K> sortKey, Function<TaskRow, String> text,
            boolean numeric, String tip) {
        TableColumn<TaskRow, TaskRow> c = new TableColumn<>();
        Label header = new Label(name);
        if (tip != null) {
            Tooltip t = new Tooltip(tip);
            t.setWrapText(true);
            t.setMaxWidth(400);
            header.setTooltip(t);
        }
        c.setGraphic(header);
        c.setId("task-col-" + name.toLowerCase().replace(" %", "-pct"));
        c.setPrefWidth(width);
        // The command is what people read first: it keeps room for a short command line
        // (kworker/0:1-events, sshd: root@pts/0) when the pane is narrow.
        c.setMinWidth(name.equals("Command") ? 140 : name.equals("Namespaces") ? 70 : width);
        c.setCellValueFactory(p -> processes.shown(p.getValue()));
        c.setComparator(Comparator.comparing(sortKey));
        c.setCellFactory(col -> new TableCell<>() {
            {
                if (numeric) {
                    getStyleClass().add(Styles.NUMERIC);
                }
            }

            @Override
            protected void updateItem(TaskRow t, boolean empty) {
                super.updateItem(t, empty);
                // Touch the style classes only when they change: each edit re-runs CSS on the cell.
                boolean muted = !empty && t != null && (t.kernelThread() || t.isZombie());
                if (muted != getStyleClass().contains(Styles.MUTED)) {
                    if (muted) {
                        getStyleClass().add(Styles.MUTED);
                    } else {
                        getStyleClass().remove(Styles.MUTED);
                    }
                }
                setText(empty || t == null ? null : text.apply(t));
            }
        });
        return c;
    }

    /** Shows a refused drop's reason (the drag ended over a group that refused it). */
    public void setOnRefusedDrop(Consumer<DropVerdict> onRefusedDrop) {
        this.onRefusedDrop = onRefusedDrop;
    }

    public TableView<TaskRow> table() {
        return table;
    }

    /** The tasks selected now (rows of the frame on screen). */
    public List<TaskRow> selectedTasks() {
        return table.getSelectionModel().getSelectedItems().stream().map(this::newest).toList();
    }

    /** The newest row of an item of the table (items stay the same object per process; see {@link ProcessRows}). */
    public TaskRow newest(TaskRow item) {
        return processes.newest(item).get();
    }

}
