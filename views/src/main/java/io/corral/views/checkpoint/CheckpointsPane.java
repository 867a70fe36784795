package io.corral.views.checkpoint;

import io.corral.views.shell.GuardedButton;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.CriuLog;
import io.corral.model.checkpoint.Manifest;
import io.corral.styles.Styles;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Checkpoints pane: the catalog's entries (time, label, group, size, processes, dump
 * duration, state: ok or corrupted with the reason) and what can be done with one: Restore...,
 * Delete (to the trash), Verify, Export..., Import..., Show log. Every catalog call runs on
 * the worker; a corrupted entry is never offered for restore, and when CRIU is unavailable
 * Restore is disabled with the self-test's reason, here and in its tooltip.
 */
public final class CheckpointsPane extends BorderPane {
    private final CheckpointService service;
    private final CriuAvailability criu;
    private final OffFxThread off;
    private final Supplier<Window> owner;
    private final ObservableList<CheckpointRow> rows = FXCollections.observableArrayList();
    private final TableView<CheckpointRow> table = new TableView<>(rows);
    private final Label availability = new Label();
    private final Label message = new Label();
    private final TextArea details = new TextArea();
    private final GuardedButton restore;
    private final GuardedButton delete;
    private final GuardedButton verify;
    private final GuardedButton export;
    private final GuardedButton log;
    private final GuardedButton importArchive;
    private Consumer<CheckpointRow> onRestore = r -> { };
    private Timeline following;
    private boolean looking;
    private FileTime seen = FileTime.fromMillis(-1);
    private FileChoice files = FileChoice.dialogs();
    private boolean busy;

    public CheckpointsPane(CheckpointService service, CriuAvailability criu, Executor worker, Supplier<Window> owner) {
        this.service = service;
        this.criu = criu;
        this.off = new OffFxThread(worker);
        this.owner = owner;
        setId("checkpoints-pane");
        restore = new GuardedButton("checkpoint-restore", "Restore\u2026", Material2MZ.RESTORE,
                "Restore this checkpoint into its group or a new one (CRIU restore).", this::restoreSelected);
        delete = new GuardedButton("checkpoint-delete", "Delete", Material2AL.DELETE,
                "Move the entry to the catalog's trash and remove it.", this::deleteSelected);
        verify = new GuardedButton("checkpoint-verify", "Verify", Material2AL.CHECK_CIRCLE,
                "Check the manifest and every image's size and SHA-256.", this::verifySelected);
        export = new GuardedButton("checkpoint-export", "Export\u2026", Material2AL.FILE_UPLOAD,
                "Write the entry to one tar archive.", this::exportSelected);
        log = new GuardedButton("checkpoint-log", "Show log", Material2AL.DESCRIPTION,
                "Show CRIU's dump log of this checkpoint, from its first error line if it has one.", this::showLog);
        importArchive = new GuardedButton("checkpoint-import", "Import\u2026", Material2AL.CLOUD_DOWNLOAD,
                "Import an exported archive (checked: no absolute paths, .., links or devices; hashes must match).",
                this::importOne);
        GuardedButton refresh = new GuardedButton("checkpoint-refresh", "Refresh", Material2MZ.REFRESH,
                "List and verify the catalog again.", this::refresh);

        availability.setId("checkpoint-availability");
        availability.setWrapText(true);
        Label title = new Label("Checkpoints");
        title.getStyleClass().add(Styles.PANEL_TITLE);
        Label where = new Label(service.catalog().root().toString());
        where.getStyleClass().add(Styles.MUTED);
        where.setId("checkpoint-catalog-root");
        FlowPane actions = new FlowPane(6, 6, restore.node(), delete.node(), verify.node(), export.node(),
                log.node(), importArchive.node(), refresh.node());
        message.setId("checkpoint-message");
        message.setWrapText(true);
        // No line (and no gap above the table) while there is nothing to say.
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        VBox top = new VBox(4, new FlowPane(8, 4, title, where), availability, actions, message);
        top.setPadding(new Insets(4, 8, 6, 8));
        setTop(top);

        table.setId("checkpoint-table");
        table.setPlaceholder(new Label("No checkpoints yet: select a group and choose Checkpoint\u2026"));
        table.getColumns().setAll(List.of(
                column("Time", 170, CheckpointRow::time),
                column("Label", 120, CheckpointRow::label),
                column("Group", 180, CheckpointRow::group),
                numeric("Size", 80, r -> r.imageBytes().map(CheckpointsPane::bytes).orElse("?")),
                numeric("Processes", 80, r -> r.processes().map(String::valueOf).orElse("?")),
                numeric("Dump", 80, r -> r.dumpMillis().map(d -> d + " ms").orElse("?")),
                stateColumn()));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            update();
            details.setText(now == null ? "" : describe(now));
        });
        details.setId("checkpoint-details");
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(8);
        details.setPromptText("Select a checkpoint to see its manifest: the groups and their limits, the process "
                + "tree, the CRIU and kernel versions, the options and durations.");
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);

        criu.refusalProperty().addListener((o, was, now) -> update());
        criu.statusProperty().addListener((o, was, now) -> update());
        update();
    }

    /** Called with the entry when the user asks to restore it (the restore dialog opens there). */
    public void setOnRestore(Consumer<CheckpointRow> onRestore) {
        this.onRestore = onRestore;
    }

    public void setFileChoice(FileChoice files) {
        this.files = files;
    }

    public TableView<CheckpointRow> table() {
        return table;
    }

    public ObservableList<CheckpointRow> rows() {
        return rows;
    }

    public Label messageLabel() {
        return message;
    }

    /** Lists and verifies the catalog on the worker; keeps the selection by id. */
    public void refresh() {
        load(Map.of());
    }

    /**
     * Follows the catalog while the console runs: every {@code period} the worker looks at the
     * catalog directory's modification time (an entry committed, imported or deleted by the CLI
     * or another console renames or removes a directory in it) and, when it moved, lists the
     * catalog again, hashing only the entries not seen before.
     */
    public void follow(Duration period) {
        if (following != null) {
            following.stop();
        }
        following = new Timeline(new KeyFrame(period, e -> lookForChanges()));
        following.setCycleCount(Animation.INDEFINITE);
        following.play();
    }

    private void lookForChanges() {
        if (busy || looking || getScene() == null) {
            return;
        }
        looking = true;
        try {
            off.run(this::catalogTime, this::lookedAt, e -> looking = false);
        } catch (java.util.concurrent.RejectedExecutionException gone) {
            following.stop(); // the worker was shut down: the console is closing
            looking = false;
        }
    }

    private void lookedAt(FileTime time) {
        looking = false;
        if (!time.equals(seen) && !busy) {
            seen = time; // a listing that fails is not tried again until the directory changes
            Map<String, CheckpointRow> verified = new HashMap<>();
            rows.forEach(r -> verified.put(r.id(), r));
            load(verified);
        }
    }

    private FileTime catalogTime() throws IOException {
        Path root = service.catalog().root();
        return Files.isDirectory(root) ? Files.getLastModifiedTime(root) : FileTime.fromMillis(0);
    }

    private void load(Map<String, CheckpointRow> verified) {
        busy = true;
        update();
        off.run(() -> {
            FileTime before = catalogTime();
            return Map.entry(before, CheckpointRow.load(service.catalog(), verified));
        }, read -> {
            seen = read.getKey();
            List<CheckpointRow> list = read.getValue();
            String selected = Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(CheckpointRow::id)
                    .orElse(null);
            rows.setAll(list);
            rows.stream().filter(r -> r.id().equals(selected)).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            busy = false;
            update();
        }, e -> {
            busy = false;
            say("Cannot list the catalog " + service.catalog().root() + ": " + OffFxThread.message(e), true);
            update();
        });
    }

    /** Selects the entry with this id, if listed. */
    public void select(String id) {
        rows.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(r -> {
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        });
    }

    private Optional<CheckpointRow> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void update() {
        availability.setText(criu.describe());
        availability.getStyleClass().removeAll(Styles.REFUSED_TEXT, Styles.MUTED);
        availability.getStyleClass().add(criu.refusal().isPresent() ? Styles.REFUSED_TEXT : Styles.MUTED);
        Optional<CheckpointRow> s = selected();
        Optional<String> none = s.isEmpty() ? Optional.of("select a checkpoint first") : Optional.empty();
        Optional<String> working = busy ? Optional.of("the catalog is being read") : Optional.empty();
        restore.refuse(none.or(() -> s.get().restorable() ? Optional.empty()
                        : Optional.of("the entry is flagged " + s.get().state() + "; it is not offered for restore"))
                .or(criu::refusal));
        delete.refuse(none.or(() -> working));
        verify.refuse(none.or(() -> working));
        export.refuse(none.or(() -> s.get().manifest().isPresent() ? Optional.empty()
                : Optional.of("the entry has no readable manifest")));
        log.refuse(none);
        importArchive.refuse(working);
    }

    private void restoreSelected() {
        selected().filter(CheckpointRow::restorable).ifPresent(onRestore);
    }

    private void deleteSelected() {
        selected().ifPresent(r -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete checkpoint " + r.id() + " of " + r.group()
                    + "? Its images are moved to the catalog's trash and removed.", ButtonType.OK, ButtonType.CANCEL);
            a.setHeaderText("Delete checkpoint " + r.id());
            a.getDialogPane().setId("checkpoint-delete-confirm");
            themedLike(a);
            if (a.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
                return;
            }
            off.run(() -> {
                service.catalog().delete(r.id());
                return r.id();
            }, id -> {
                say("Deleted checkpoint " + id + ".", false);
                refresh();
            }, e -> say("Cannot delete " + r.id() + ": " + OffFxThread.message(e), true));
        });
    }

    private void verifySelected() {
        selected().ifPresent(r -> off.run(() -> service.catalog().verify(r.id()), v -> {
            say(v.restorable() ? "Checkpoint " + v.id() + " verified: every file matches its SHA-256."
                    : "Checkpoint " + v.id() + " is corrupted: " + String.join("; ", v.problems()), !v.restorable());
            refresh();
        }, e -> say("Cannot verify " + r.id() + ": " + OffFxThread.message(e), true)));
    }

    private void exportSelected() {
        selected().ifPresent(r -> files.exportTarget(owner.get(), r.id()).ifPresent(path -> {
            say("Exporting " + r.id() + " to " + path + "\u2026", false);
            off.run(() -> {
                service.archive().export(r.id(), path);
                return Files.size(path);
            }, size -> say("Exported " + r.id() + " to " + path + " (" + bytes(size) + ").", false),
                    e -> say("Cannot export " + r.id() + ": " + OffFxThread.message(e), true));
        }));
    }

    private void importOne() {
        files.importSource(owner.get()).ifPresent(path -> {
            say("Importing " + path + "\u2026", false);
            off.run(() -> service.archive().importArchive(path), id -> {
                say("Imported checkpoint " + id + " from " + path + ".", false);
                refresh();
                afterRefresh(id);
            }, e -> say("Cannot import " + path + ": " + OffFxThread.message(e), true));
        });
    }

    private void afterRefresh(String id) {
        rows.addListener(new javafx.collections.ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends CheckpointRow> c) {
                rows.removeListener(this);
                select(id);
            }
        });
    }

    private void showLog() {
        selected().ifPresent(r -> off.run(() -> {
            Path p = service.catalog().dir(r.id()).resolve("images").resolve("dump.log");
            if (!Files.isRegularFile(p)) {
                return "No dump.log in " + p.getParent();
            }
            String text = CriuLog.read(p);
            return CriuLog.errorLine(text).map(line -> "First error:\n" + CriuLog.excerpt(text) + "\n---- " + p + "\n")
                    .orElse("---- " + p + "\n") + text;
        }, text -> {
            details.setText(text);
            details.positionCaret(0);
        }, e -> say("Cannot read the log of " + r.id() + ": " + OffFxThread.message(e), true)));
    }

    private void say(String text, boolean problem) {
        message.setText(text);
        message.getStyleClass().removeAll(Styles.REFUSED_TEXT, Styles.APPLIED_TEXT);
        message.getStyleClass().add(problem ? Styles.REFUSED_TEXT : Styles.APPLIED_TEXT);
    }

    private void themedLike(Alert a) {
        if (getScene() != null) {
            a.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
            if (getScene().getWindow() != null) {
                a.initOwner(getScene().getWindow());
            }
        }
    }

    /** "3.0 MiB", as the process table and the tree write sizes; a wrapped line never splits it. */
    static String bytes(long b) {
        return io.corral.views.state.Units.bytes(b).replace(' ', '\u00a0');
    }

    /** The manifest for people: groups and limits, the tree, versions, options, durations. */
    static String describe(CheckpointRow r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Checkpoint ").append(r.id()).append(r.label().isBlank() ? "" : " \u201c" + r.label() + "\u201d")
                .append("\nState: ").append(r.state()).append('\n');
        if (r.manifest().isEmpty()) {
            return sb.toString();
        }
        Manifest m = r.manifest().get();
        sb.append("Group ").append(m.group()).append(", taken ").append(m.created()).append('\n');
        for (Manifest.HierarchyRecord h : m.hierarchies()) {
            sb.append("  ").append(h.id()).append(':').append(h.path());
            if (h.settings() != null && !h.settings().isEmpty()) {
                sb.append("  ").append(String.join(" ", h.settings()));
            }
            sb.append('\n');
        }
        sb.append("Process tree").append(m.pidNamespace() ? " (own pid namespace)" : "").append(":\n");
        for (Manifest.TaskRecord t : m.tree()) {
            sb.append("  ").append(t.pid()).append("  ").append(t.comm()).append("  (parent ").append(t.ppid())
                    .append(")\n");
        }
        if (m.options() != null) {
            sb.append("Options: ").append(m.options().leaveRunning() ? "left running" : "stopped")
                    .append(m.options().tcpEstablished() ? ", TCP established" : "")
                    .append(m.options().fileLocks() ? ", file locks" : "").append('\n');
        }
        if (m.versions() != null) {
            sb.append("CRIU ").append(m.versions().criu()).append(", kernel ").append(m.versions().kernel()).append('\n');
        }
        if (m.durations() != null) {
            sb.append("Pre-flight ").append(m.durations().preflightMillis()).append(" ms, dump ")
                    .append(m.durations().dumpMillis()).append(" ms, hashing ").append(m.durations().hashMillis())
                    .append(" ms, total ").append(m.durations().totalMillis()).append(" ms\n");
        }
        sb.append(m.files().size()).append(" files, ").append(bytes(m.imageBytes())).append('\n');
        return sb.toString();
    }

    private static TableColumn<CheckpointRow, String> column(String title, double width,
                                                             Function<CheckpointRow, String> value) {
        TableColumn<CheckpointRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }

    private static TableColumn<CheckpointRow, String> numeric(String title, double width,
                                                              Function<CheckpointRow, String> value) {
        TableColumn<CheckpointRow, String> c = column(title, width, value);
        c.getStyleClass().add(Styles.NUMERIC);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    private static TableColumn<CheckpointRow, String> stateColumn() {
        TableColumn<CheckpointRow, String> c = column("State", 260, CheckpointRow::state);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(Styles.REFUSED_TEXT);
                setText(empty ? null : item);
                setTooltip(null);
                if (!empty && item != null && !item.equals("ok")) {
                    getStyleClass().add(Styles.REFUSED_TEXT);
                    setTooltip(new javafx.scene.control.Tooltip(item + "\nNot offered for restore."));
                }
            }
        });
        return c;
    }
}
