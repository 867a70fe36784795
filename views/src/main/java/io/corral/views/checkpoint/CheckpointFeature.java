package io.corral.views.checkpoint;

import io.corral.views.shell.GuardedButton;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Checkpoint/restore in the main window: toolbar buttons, Group-menu and context-menu items
 * "Checkpoint..." (Ctrl+Shift+C) and "Restore..." (Ctrl+Shift+R), "Checkpoints" (Ctrl+Shift+P)
 * to show the pane, and the Checkpoints pane as a tab. Both actions are disabled, not hidden,
 * with the reason (tooltip and menu text) while CRIU's self-test says no or the selected group
 * cannot be checkpointed.
 */
public final class CheckpointFeature {
    public static final KeyCombination CHECKPOINT_KEY =
            new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination RESTORE_KEY =
            new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination PANE_KEY =
            new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final String CHECKPOINT_TEXT = "Checkpoint\u2026";
    private static final String RESTORE_TEXT = "Restore\u2026";

    private final ConsoleState state;
    private final CheckpointService service;
    private final CriuAvailability criu;
    private final Executor worker;
    private final Supplier<Window> owner;
    private final CheckpointsPane pane;
    private final GuardedButton checkpointButton;
    private final GuardedButton restoreButton;
    private final List<MenuItem> checkpointItems = new ArrayList<>();
    private final List<MenuItem> restoreItems = new ArrayList<>();
    private final long selfPid = ProcessHandle.current().pid();
    private Optional<String> checkpointRefusal = Optional.empty();
    private Optional<String> restoreRefusal = Optional.empty();
    private Runnable showPane = () -> { };

    public CheckpointFeature(ConsoleState state, CheckpointService service, CriuAvailability criu, Executor worker,
                             Supplier<Window> owner) {
        this.state = state;
        this.service = service;
        this.criu = criu;
        this.worker = worker;
        this.owner = owner;
        pane = new CheckpointsPane(service, criu, worker, owner);
        pane.getStylesheets().add(CheckpointsPane.class.getResource("checkpoint.css").toExternalForm());
        pane.setOnRestore(r -> openRestore(Optional.of(r.id())));
        checkpointButton = new GuardedButton("tool-checkpoint", null, Material2MZ.SAVE,
                "Checkpoint the selected group with CRIU (pre-flight, options, one click)  ["
                        + CHECKPOINT_KEY.getDisplayText() + "]", this::openCheckpoint);
        restoreButton = new GuardedButton("tool-restore", null, Material2MZ.RESTORE,
                "Restore a checkpoint of the selected group, or any  [" + RESTORE_KEY.getDisplayText() + "]",
                () -> openRestore(Optional.empty()));
        checkpointButton.button().setFocusTraversable(false);
        restoreButton.button().setFocusTraversable(false);
        state.selection().groupRow().addListener((o, was, now) -> update());
        criu.refusalProperty().addListener((o, was, now) -> update());
        pane.rows().addListener((javafx.collections.ListChangeListener<CheckpointRow>) c -> update());
        update();
    }

    /**
     * Puts the buttons, menu items and the pane into the window, and starts the self-test and
     * the first catalog listing on the worker.
     */
    public void install(MainWindow window) {
        window.embed("Checkpoints", pane);
        showPane = () -> selectTab(window);
        MenuItem show = new MenuItem("Checkpoints", new FontIcon(Material2AL.HISTORY));
        show.setId("menu-checkpoints");
        show.setAccelerator(PANE_KEY);
        show.setOnAction(e -> showPane.run());
        window.addGroupCommands(List.of(new Separator(), checkpointButton.node(), restoreButton.node()),
                List.of(menuItem(true, true), menuItem(false, true), show),
                List.of(menuItem(true, false), menuItem(false, false)));
        start();
    }

    /** Starts the self-test (unless its outcome is known) and lists the catalog. */
    public void start() {
        if (criu.statusProperty().get().isEmpty()) {
            criu.check();
        }
        pane.refresh();
        pane.follow(javafx.util.Duration.seconds(2));
    }

    public CheckpointsPane pane() {
        return pane;
    }

    /** The toolbar node of an action ("checkpoint" or "restore"), for layouts of one's own. */
    public javafx.scene.Node toolbarNode(boolean checkpoint) {
        return (checkpoint ? checkpointButton : restoreButton).node();
    }

    public Optional<String> checkpointRefusal() {
        return checkpointRefusal;
    }

    public Optional<String> restoreRefusal() {
        return restoreRefusal;
    }

    private MenuItem menuItem(boolean checkpoint, boolean withAccelerator) {
        MenuItem m = new MenuItem(checkpoint ? CHECKPOINT_TEXT : RESTORE_TEXT,
                new FontIcon(checkpoint ? Material2MZ.SAVE : Material2MZ.RESTORE));
        m.setId("menu-" + (checkpoint ? "checkpoint" : "restore") + (withAccelerator ? "" : "-ctx"));
        if (withAccelerator) {
            m.setAccelerator(checkpoint ? CHECKPOINT_KEY : RESTORE_KEY);
        }
        m.setOnAction(e -> {
            if (checkpoint) {
                openCheckpoint();
            } else {
                openRestore(Optional.empty());
            }
        });
        (checkpoint ? checkpointItems : restoreItems).add(m);
        update();
        return m;
    }

    private void update() {
        Optional<GroupRow> g = state.selection().groupRow().get();
        checkpointRefusal = criu.refusal()
                .or(() -> g.isEmpty() ? Optional.of("select a group first") : Optional.empty())
                .or(() -> g.get().isRoot() ? Optional.of("the root group holds every process of the host; select a "
                        + "child group") : Optional.empty())
                .or(() -> g.get().tasks().isEmpty() ? Optional.of("the group has no processes") : Optional.empty())
                .or(() -> g.get().tasks().stream().anyMatch(t -> t.pid() == selfPid)
                        ? Optional.of("Corral itself runs in this group") : Optional.empty());
        restoreRefusal = criu.refusal().or(() -> pane.rows().stream().anyMatch(CheckpointRow::restorable)
                ? Optional.empty() : Optional.of("the catalog has no restorable checkpoint"));
        checkpointButton.refuse(checkpointRefusal);
        restoreButton.refuse(restoreRefusal);
        apply(checkpointItems, CHECKPOINT_TEXT, checkpointRefusal);
        apply(restoreItems, RESTORE_TEXT, restoreRefusal);
    }

    private static void apply(List<MenuItem> items, String text, Optional<String> refusal) {
        for (MenuItem m : items) {
            m.setDisable(refusal.isPresent());
            m.setText(refusal.map(r -> text + "  (" + r + ")").orElse(text));
        }
    }

    private Optional<GroupPath> selectedPath() {
        return state.selection().groupRow().get().map(r -> r.key().path()).filter(p -> !p.isRoot());
    }

    /** Opens "Checkpoint..." for the selected group (all hierarchies that have its path). */
    public Optional<CheckpointDialog> openCheckpoint() {
        if (checkpointRefusal.isPresent()) {
            return Optional.empty();
        }
        Optional<GroupPath> path = selectedPath();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        CheckpointDialog d = themed(new CheckpointDialog(service, criu, worker, new GroupSpec(List.of(), path.get())));
        d.setOnCheckpointed(r -> {
            pane.refresh();
            afterRefreshSelect(r.id());
        });
        d.show();
        return Optional.of(d);
    }

    /** Opens "Restore..." with this group's checkpoints (or any), choosing {@code id} first. */
    public Optional<RestoreDialog> openRestore(Optional<String> id) {
        if (restoreRefusal.isPresent()) {
            return Optional.empty();
        }
        RestoreDialog d = themed(new RestoreDialog(service, criu, worker, List.copyOf(pane.rows()), selectedPath(), id));
        d.setOnRestored(r -> pane.refresh());
        d.show();
        return Optional.of(d);
    }

    private void afterRefreshSelect(String id) {
        pane.rows().addListener(new javafx.collections.ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends CheckpointRow> c) {
                pane.rows().removeListener(this);
                pane.select(id);
            }
        });
    }

    /**
     * At start: groups a killed console left frozen in the middle of a checkpoint. Each is
     * offered a thaw; declining leaves the group as it is and forgets the leftover.
     */
    public void offerThawOfLeftovers() {
        new OffFxThread(worker).run(service::recover, leftovers -> leftovers.forEach(f -> {
            Alert a = themed(new Alert(Alert.AlertType.CONFIRMATION, "A checkpoint interrupted when Corral was ended "
                    + "left " + f.freezerDir() + (f.frozen() ? " frozen" : "")
                    + (f.stopped().isEmpty() ? "" : " with stopped processes " + f.stopped())
                    + ".\nThaw it and let its processes run again?", ButtonType.YES, ButtonType.NO));
            a.setHeaderText("Interrupted checkpoint");
            boolean thaw = a.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
            new OffFxThread(worker).run(() -> {
                if (thaw) {
                    service.thaw(f);
                } else {
                    service.dismiss(f);
                }
                return thaw;
            }, done -> { }, e -> pane.messageLabel().setText("Cannot thaw " + f.freezerDir() + ": "
                    + OffFxThread.message(e)));
        }), e -> { });
    }

    private <D extends Dialog<?>> D themed(D d) {
        Window w = owner.get();
        if (w != null) {
            d.initOwner(w);
            if (w.getScene() != null) {
                d.getDialogPane().getStylesheets().addAll(0, w.getScene().getStylesheets());
            }
        }
        return d;
    }

    private void selectTab(MainWindow window) {
        javafx.scene.Node tabs = window.scene().lookup("#detail-tabs");
        if (tabs instanceof TabPane tp) {
            for (Tab t : tp.getTabs()) {
                if (t.getContent() == pane) {
                    tp.getSelectionModel().select(t);
                }
            }
        }
        pane.table().requestFocus();
    }
}
