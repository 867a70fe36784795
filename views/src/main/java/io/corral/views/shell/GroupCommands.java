package io.corral.views.shell;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;
import io.corral.views.actions.ActionRunner;
import io.corral.views.actions.BatchProgress;
import io.corral.views.actions.GroupActions;
import io.corral.views.state.ConsoleFrame;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import io.corral.views.state.HierarchyFrame;
import io.corral.views.state.TaskRow;
import io.corral.views.tasks.DropVerdict;
import io.corral.views.tasks.TaskDrag;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The group commands of menus, context menu and toolbar: new, remove, rename, controllers,
 * freeze, thaw, kill all, move tasks. Each is enabled from the selected group of the frame on
 * screen, and explains when it is not; each sends one command through the {@link ActionRunner}.
 */
final class GroupCommands {
    private final ConsoleState state;
    private final GroupActions actions;
    private final ActionRunner runner;
    private final Supplier<javafx.stage.Window> owner;
    private final Supplier<io.corral.styles.Themes.Theme> theme;
    private final Supplier<List<TaskRow>> selectedTasks;
    private final java.util.function.Consumer<BatchProgress> progressShown;
    private final long selfPid = ProcessHandle.current().pid();

    final ConsoleAction newGroup;
    final ConsoleAction remove;
    final ConsoleAction rename;
    final ConsoleAction controllers;
    final ConsoleAction freeze;
    final ConsoleAction thaw;
    final ConsoleAction killAll;
    final ConsoleAction moveTo;

    GroupCommands(ConsoleState state, GroupActions actions, ActionRunner runner, Supplier<javafx.stage.Window> owner,
                  Supplier<io.corral.styles.Themes.Theme> theme, Supplier<List<TaskRow>> selectedTasks,
                  java.util.function.Consumer<BatchProgress> progressShown) {
        this.state = state;
        this.actions = actions;
        this.runner = runner;
        this.owner = owner;
        this.theme = theme;
        this.selectedTasks = selectedTasks;
        this.progressShown = progressShown;
        newGroup = new ConsoleAction("new-group", "New group\u2026", "Create a child group (mkdir).",
                Material2AL.CREATE_NEW_FOLDER, shortcut(KeyCode.N), this::newGroup);
        remove = new ConsoleAction("remove-group", "Remove group", "Remove an empty group without children (rmdir).",
                Material2AL.DELETE, new KeyCodeCombination(KeyCode.DELETE), this::removeGroup);
        rename = new ConsoleAction("rename-group", "Rename\u2026", "Rename the group directory (cgroup v1 only).",
                Material2AL.EDIT, new KeyCodeCombination(KeyCode.F2), this::renameGroup);
        controllers = new ConsoleAction("controllers", "Controllers for children\u2026",
                "Enable or disable controllers for the children (cgroup.subtree_control, cgroup2). "
                + "A controller reaches a group only if every ancestor enables it.",
                Material2MZ.TUNE, shortcut(KeyCode.E), this::editControllers);
        freeze = new ConsoleAction("freeze", "Freeze", "Stop every task of the group with the freezer "
                + "(cgroup.freeze / freezer.state) until thawed.", Material2AL.AC_UNIT,
                shortcut(KeyCode.F, KeyCombination.SHIFT_DOWN), () -> send("Freeze", g -> actions.freeze(g.key())));
        thaw = new ConsoleAction("thaw", "Thaw", "Let the frozen tasks run again.", Material2MZ.PLAY_ARROW,
                shortcut(KeyCode.T, KeyCombination.SHIFT_DOWN), () -> send("Thaw", g -> actions.thaw(g.key())));
        killAll = new ConsoleAction("kill-all", "Kill all tasks\u2026", "SIGKILL every process of the group "
                + "(v2 cgroup.kill; v1: signal each task, then thaw).", Material2AL.HIGHLIGHT_OFF,
                shortcut(KeyCode.K, KeyCombination.SHIFT_DOWN), this::killAll);
        moveTo = new ConsoleAction("move-to", "Move to group\u2026", "Move the selected tasks to another group "
                + "of this hierarchy (the keyboard way to drag and drop).", Material2MZ.SWAP_HORIZ,
                shortcut(KeyCode.M), this::moveTo);
        state.selection().groupRow().addListener((o, was, now) -> update());
        state.selection().tasks().addListener((javafx.collections.ListChangeListener<Long>) c -> update());
        update();
    }

    List<ConsoleAction> groupActions() {
        return List.of(newGroup, remove, rename, controllers, freeze, thaw, killAll);
    }

    private static KeyCombination shortcut(KeyCode code, KeyCombination.Modifier... more) {
        List<KeyCombination.Modifier> m = new ArrayList<>(List.of(KeyCombination.SHORTCUT_DOWN));
        m.addAll(List.of(more));
        return new KeyCodeCombination(code, m.toArray(KeyCombination.Modifier[]::new));
    }

    void update() {
        Optional<GroupRow> g = state.selection().groupRow().get();
        Optional<String> base = base(g);
        newGroup.refuse(base.or(() -> may(g.get(), (p, r) -> p.refuseCreateIn(r))));
        remove.refuse(base.or(() -> notRoot(g.get(), "the root group of a hierarchy cannot be removed"))
                .or(() -> reading(g.get(), true))
                .or(() -> may(g.get(), (p, r) -> p.refuseCreateIn(r.parent())))
                .or(() -> g.get().tasks().isEmpty() ? Optional.empty()
                        : Optional.of("it still has " + processes(g.get().tasks().size())))
                .or(() -> hasChildren(g.get()) ? Optional.of("it has child groups") : Optional.empty()));
        rename.refuse(base.or(() -> g.get().version() == CgroupVersion.V2
                        ? Optional.of("cgroup2 cannot rename groups") : Optional.empty())
                .or(() -> notRoot(g.get(), "the root group cannot be renamed"))
                .or(() -> may(g.get(), (p, r) -> p.refuseCreateIn(r.parent()))));
        controllers.refuse(base.or(() -> reading(g.get(), false)).or(() -> g.get().version() == CgroupVersion.V2 ? Optional.empty()
                : Optional.of("cgroup v1 binds controllers at mount time"))
                .or(() -> may(g.get(), (p, r) -> p.refuseConfigure(r, "cgroup.subtree_control"))));
        Optional<String> freezable = base.or(() -> notRoot(g.get(), "the root group cannot be frozen"))
                .or(() -> reading(g.get(), true))
                .or(() -> g.get().freeze().isEmpty()
                        ? Optional.of("no freezer in this hierarchy") : Optional.empty())
                .or(() -> containsSelf(g.get()))
                .or(() -> may(g.get(), (p, r) -> p.refuseConfigure(r, r.isV2() ? "cgroup.freeze" : "freezer.state")));
        freeze.refuse(freezable.or(() -> g.get().frozenOrFreezing()
                ? Optional.of("already frozen") : Optional.empty()));
        thaw.refuse(base.or(() -> reading(g.get(), false)).or(() -> g.get().frozenOrFreezing() ? Optional.empty()
                : Optional.of("not frozen"))
                .or(() -> may(g.get(), (p, r) -> p.refuseConfigure(r, r.isV2() ? "cgroup.freeze" : "freezer.state"))));
        killAll.refuse(base.or(() -> notRoot(g.get(), "refusing to kill every process of a root group"))
                .or(() -> reading(g.get(), true))
                .or(() -> g.get().tasks().isEmpty() ? Optional.of("no processes") : Optional.empty())
                .or(() -> containsSelf(g.get()))
                .or(() -> may(g.get(), (p, r) -> p.refuseConfigure(r, r.isV2() ? "cgroup.kill" : "cgroup.procs"))));
        moveTo.refuse(base.or(() -> state.selection().tasks().isEmpty() ? Optional.of("select tasks first")
                : Optional.empty()));
    }

    private Optional<String> base(Optional<GroupRow> g) {
        if (g.isEmpty()) {
            return Optional.of("select a group first");
        }
        return state.frame().filter(f -> !f.host().privileges().canWrite())
                .map(f -> "read-only: " + f.host().privileges().reason());
    }

    /** The privilege verdict for the group (the kernel's reason when this user may not). */
    private Optional<String> may(GroupRow g, java.util.function.BiFunction<io.corral.views.state.Privileges,
            io.corral.model.command.GroupRef, Optional<String>> check) {
        return state.frame().flatMap(f -> f.hierarchy(g.key().hierarchyId()).flatMap(h -> check.apply(
                f.host().privileges(), new io.corral.model.command.GroupRef(h.hierarchy(), g.key().path()))));
    }

    /**
     * While the console's first reading comes in phases a row may be known by name only, or
     * without its processes: an action whose verdict depends on them (empty? frozen? the
     * console's own group?) waits for them rather than deciding on "nothing read yet".
     */
    private static Optional<String> reading(GroupRow g, boolean needsTasks) {
        if (!g.groupKnown()) {
            return Optional.of("still reading this group");
        }
        return needsTasks && !g.tasksKnown() ? Optional.of("still reading the processes") : Optional.empty();
    }

    /** "1 process", "3 processes". */
    static String processes(int n) {
        return n + (n == 1 ? " process" : " processes");
    }

    private static Optional<String> notRoot(GroupRow g, String reason) {
        return g.isRoot() ? Optional.of(reason) : Optional.empty();
    }

    private Optional<String> containsSelf(GroupRow g) {
        return g.tasks().stream().anyMatch(t -> t.pid() == selfPid)
                ? Optional.of("Corral itself runs in this group") : Optional.empty();
    }

    private boolean hasChildren(GroupRow g) {
        return state.frame().flatMap(f -> f.hierarchy(g.key().hierarchyId()))
                .map(h -> !h.children(g.key().path()).isEmpty()).orElse(false);
    }

    private Optional<GroupRow> current() {
        return state.selection().groupRow().get();
    }

    private void send(String what, java.util.function.Function<GroupRow, java.util.concurrent.CompletableFuture<
            io.corral.views.actions.ActionReport>> command) {
        current().ifPresent(g -> runner.run(what + " " + g.key(), () -> command.apply(g)));
    }

    private void newGroup() {
        current().ifPresent(parent -> {
            List<String> ctrls = hierarchyControllers(parent);
            askName("New group", "New group under " + parent.key().path() + " (" + parent.key().hierarchyId() + ")",
                    "", ctrls).ifPresent(name ->
                    runner.run("Create " + name, () -> actions.createGroup(parent.key(), name)));
        });
    }

    private void renameGroup() {
        current().ifPresent(g -> askName("Rename group", "New name for " + g.key().path(), g.name(),
                hierarchyControllers(g)).ifPresent(name ->
                runner.run("Rename " + g.key(), () -> actions.renameGroup(g.key(), name))));
    }

    private void removeGroup() {
        current().ifPresent(g -> runner.run("Remove " + g.key(), () -> actions.removeGroup(g.key())));
    }

    private void killAll() {
        current().ifPresent(g -> {
            Alert a = themed(new Alert(Alert.AlertType.CONFIRMATION,
                    "Send SIGKILL to " + (g.tasks().size() == 1 ? "the one process" : "all " + processes(g.tasks().size()))
                    + " of " + g.key().path()
                    + "? They cannot clean up.", ButtonType.OK, ButtonType.CANCEL));
            a.setHeaderText("Kill every process of " + g.key().path());
            if (a.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
                runner.run("Kill all in " + g.key(), () -> actions.killAll(g.key()));
            }
        });
    }

    private void editControllers() {
        current().ifPresent(g -> {
            Dialog<ButtonType> d = themed(new Dialog<>());
            d.setTitle("Controllers for children");
            d.setHeaderText("Controllers enabled for the children of " + g.key().path()
                    + "\n(cgroup.subtree_control; a group enabling controllers may not hold processes itself)");
            VBox box = new VBox(6);
            List<CheckBox> boxes = new ArrayList<>();
            for (String c : g.available()) {
                CheckBox cb = new CheckBox(c);
                cb.setId("controller-" + c);
                cb.setSelected(g.enabledForChildren().contains(c));
                boxes.add(cb);
                box.getChildren().add(cb);
            }
            if (boxes.isEmpty()) {
                box.getChildren().add(new Label("No controllers are available to this group (cgroup.controllers is "
                        + "empty: its parent enables none)."));
            }
            d.getDialogPane().setContent(box);
            d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
            if (d.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
                return;
            }
            Set<String> enable = new LinkedHashSet<>();
            Set<String> disable = new LinkedHashSet<>();
            for (CheckBox cb : boxes) {
                boolean was = g.enabledForChildren().contains(cb.getText());
                if (cb.isSelected() && !was) {
                    enable.add(cb.getText());
                } else if (!cb.isSelected() && was) {
                    disable.add(cb.getText());
                }
            }
            if (!enable.isEmpty() || !disable.isEmpty()) {
                runner.run("Controllers of " + g.key(), () -> actions.setControllers(g.key(), enable, disable));
            }
        });
    }

    private void moveTo() {
        Optional<GroupRow> source = current();
        Optional<ConsoleFrame> frame = state.frame();
        List<TaskRow> tasks = selectedTasks.get();
        if (source.isEmpty() || frame.isEmpty() || tasks.isEmpty()) {
            return;
        }
        GroupPicker picker = new GroupPicker(owner.get(), theme.get(), frame.get(), source.get().key().hierarchyId(),
                target -> {
                    DropVerdict v = DropVerdict.judge(frame.get().host(), source.get(), tasks, target);
                    return v.allowed() ? Optional.empty() : Optional.of(v.message());
                });
        picker.setHeaderText(moveHeader(source.get(), tasks));
        picker.showAndWait().ifPresent(key -> moveTasks(key, new TaskDrag.Dragged(source.get(), tasks)));
    }

    /**
     * Sends ONE move command for the dragged or picked tasks; from {@link #PROGRESS_FROM}
     * tasks on, its progress shows (n of N, Cancel) until the summary replaces it.
     */
    void moveTasks(io.corral.model.sample.GroupKey target, TaskDrag.Dragged d) {
        int n = d.pids().size();
        String what = d.threads() ? (n == 1 ? " thread" : " threads") : (n == 1 ? " task" : " tasks");
        BatchProgress progress = new BatchProgress("Moving " + n + what + " to " + target.path(),
                javafx.application.Platform::runLater);
        if (n >= PROGRESS_FROM) {
            progressShown.accept(progress);
        }
        runner.run("Move " + n + what + " to " + target, () -> d.threads()
                ? actions.moveThreads(target, d.pids(), progress.model())
                : actions.moveTasks(target, d.pids(), progress.model()));
    }

    /** "Move PID 4242 (nginx) from /web to…", "Move 3 tasks from /web to…". */
    static String moveHeader(GroupRow source, List<TaskRow> tasks) {
        String what = tasks.size() == 1 ? "PID " + tasks.get(0).pid() + " (" + tasks.get(0).command() + ")"
                : tasks.size() + " tasks";
        return "Move " + what + " from " + source.key().path() + " to\u2026";
    }

    /** Moves of fewer tasks end before a progress bar could be read. */
    static final int PROGRESS_FROM = 20;

    private List<String> hierarchyControllers(GroupRow g) {
        return state.frame().flatMap(f -> f.hierarchy(g.key().hierarchyId()))
                .map(HierarchyFrame::hierarchy).map(h -> h.controllers()).orElse(List.of());
    }

    static final String NAME_HINT = "Type a name (the field is empty): one directory name, without '/', "
            + "not \"..\", not an interface file's name (cgroup.*, tasks, memory.*, ...).";

    /** Asks for a group name, refusing an invalid one in the dialog with the reason. */
    private Optional<String> askName(String title, String header, String initial, List<String> ctrls) {
        TextInputDialog d = themed(new TextInputDialog(initial));
        d.setTitle(title);
        d.setHeaderText(header);
        d.getEditor().setId("group-name-field");
        Label error = new Label();
        error.setId("group-name-error");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        d.getDialogPane().setExpandableContent(null);
        VBox content = new VBox(6, d.getEditor(), error);
        content.setPrefWidth(460);
        d.getDialogPane().setContent(content);
        javafx.scene.Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        Runnable check = () -> {
            String text = d.getEditor().getText();
            error.getStyleClass().removeAll(io.corral.styles.Styles.REFUSED_TEXT, "muted");
            try {
                GroupName.validate(text, ctrls);
                error.setText("");
                ok.setDisable(false);
            } catch (InvalidInputException e) {
                // Nothing typed yet is not an error: say what a name may be instead.
                boolean empty = text == null || text.isEmpty();
                error.setText(empty ? NAME_HINT : e.getMessage());
                error.getStyleClass().add(empty ? "muted" : io.corral.styles.Styles.REFUSED_TEXT);
                ok.setDisable(true);
            }
        };
        d.getEditor().textProperty().addListener((o, was, now) -> check.run());
        check.run();
        return d.showAndWait().map(String::strip);
    }

    private <D extends Dialog<?>> D themed(D d) {
        if (owner.get() != null) {
            d.initOwner(owner.get());
        }
        d.getDialogPane().getStylesheets().setAll(io.corral.styles.Themes.stylesheets(theme.get()));
        return d;
    }
}
