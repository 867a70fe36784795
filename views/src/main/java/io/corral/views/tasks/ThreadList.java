package io.corral.views.tasks;

import io.corral.model.proc.ThreadInfo;
import io.corral.styles.Styles;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The threads of the selected processes (TID, name from {@code comm}, state), shown under
 * the task table on demand. Reading happens off the FX thread; the newest request wins.
 */
public final class ThreadList extends VBox {
    /** One thread and the process it belongs to. */
    public record Row(long pid, ThreadInfo thread) {
    }

    private final TableView<Row> table = new TableView<>();
    private final Label status = new Label();
    private Function<List<Long>, CompletableFuture<Map<Long, List<ThreadInfo>>>> source =
            pids -> CompletableFuture.failedFuture(new UnsupportedOperationException("this host does not list threads"));
    private long generation;

    ThreadList(io.corral.views.state.ConsoleState state, TaskDrag drag,
               Function<Long, java.util.Optional<io.corral.views.state.TaskRow>> processOf,
               java.util.function.Consumer<DropVerdict> refusedDrop) {
        setId("task-threads");
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.setRowFactory(t -> draggableRow(state, drag, processOf));
        table.setOnDragDone(e -> {
            java.util.Optional<DropVerdict> last = drag.finish();
            if (e.getTransferMode() == null) {
                last.filter(v -> !v.allowed()).ifPresent(refusedDrop);
            }
            e.consume();
        });
        setSpacing(4);
        status.setId("task-threads-status");
        status.getStyleClass().add(Styles.PANEL_SUBTITLE);
        table.setId("task-thread-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("PID", 70, r -> Long.toString(r.pid())),
                column("TID", 70, r -> Integer.toString(r.thread().tid())),
                column("Name", 200, r -> r.thread().name()),
                column("State", 60, r -> String.valueOf(r.thread().state().letter()))));
        table.setPlaceholder(new Label("No threads."));
        table.setPrefHeight(180);
        getChildren().setAll(status, table);
    }

    void setSource(Function<List<Long>, CompletableFuture<Map<Long, List<ThreadInfo>>>> source) {
        this.source = source;
    }

    /** Reads and shows the threads of {@code pids} (in that order). */
    void show(List<Long> pids) {
        long request = ++generation;
        if (pids.isEmpty()) {
            table.getItems().clear();
            status.setText("Select processes to see their threads.");
            return;
        }
        List<Long> ids = List.copyOf(pids);
        status.setText("Reading the threads of " + ids.size() + (ids.size() == 1 ? " process\u2026" : " processes\u2026"));
        CompletableFuture<Map<Long, List<ThreadInfo>>> f;
        try {
            f = source.apply(ids);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((threads, error) -> Platform.runLater(() -> {
            if (request != generation) {
                return;
            }
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                table.getItems().clear();
                status.setText("Threads not readable: " + cause.getMessage());
                return;
            }
            List<Row> rows = new ArrayList<>();
            for (long pid : ids) {
                threads.getOrDefault(pid, List.of()).forEach(t -> rows.add(new Row(pid, t)));
            }
            table.getItems().setAll(rows);
            status.setText(rows.size() + (rows.size() == 1 ? " thread of " : " threads of ") + ids.size()
                    + (ids.size() == 1 ? " process" : " processes"));
        }));
    }

    /**
     * A thread row that starts a drag of the selected threads (or just this one) onto the
     * group tree, like a process row; the tree judges it with the thread rules.
     */
    private javafx.scene.control.TableRow<Row> draggableRow(io.corral.views.state.ConsoleState state, TaskDrag drag,
            Function<Long, java.util.Optional<io.corral.views.state.TaskRow>> processOf) {
        javafx.scene.control.TableRow<Row> row = new javafx.scene.control.TableRow<>();
        row.setOnDragDetected(e -> {
            if (row.isEmpty() || row.getItem() == null || state.selection().groupRow().get().isEmpty()) {
                return;
            }
            List<Row> picked = row.isSelected() ? List.copyOf(table.getSelectionModel().getSelectedItems())
                    : List.of(row.getItem());
            List<io.corral.views.state.TaskRow> owners = picked.stream().map(Row::pid).distinct()
                    .map(processOf).flatMap(java.util.Optional::stream).toList();
            List<Long> tids = picked.stream().map(r -> (long) r.thread().tid()).toList();
            TaskDrag.Dragged d = new TaskDrag.Dragged(state.selection().groupRow().get().get(), owners, tids);
            drag.start(d);
            javafx.scene.input.Dragboard db = row.startDragAndDrop(javafx.scene.input.TransferMode.MOVE);
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.put(TaskDrag.FORMAT, d.encode());
            content.putString(tids.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
            db.setContent(content);
            e.consume();
        });
        return row;
    }

    /** The rows on screen. */
    public List<Row> rows() {
        return List.copyOf(table.getItems());
    }

    private static TableColumn<Row, String> column(String name, double width, Function<Row, String> text) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setId("task-thread-col-" + name.toLowerCase());
        c.setPrefWidth(width);
        c.setCellValueFactory(p -> new ReadOnlyStringWrapper(text.apply(p.getValue())));
        return c;
    }
}
