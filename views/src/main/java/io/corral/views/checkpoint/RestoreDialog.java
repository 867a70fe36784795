package io.corral.views.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.Manifest;
import io.corral.model.checkpoint.Restorer;
import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;
import io.corral.styles.Styles;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * "Restore...": choose a restorable entry (this group's checkpoints, or any), restore into
 * its original groups (recreated with their limits if gone) or into a new group whose name
 * is checked with {@link GroupName} in the field; the pre-check says which PIDs the restore
 * needs that are taken. Progress and the result come from the worker.
 */
public final class RestoreDialog extends Dialog<ButtonType> {
    public static final ButtonType START = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);

    private final CheckpointService service;
    private final CriuAvailability criu;
    private final OffFxThread off;
    private final List<CheckpointRow> all;
    private final Optional<GroupPath> forGroup;
    private final ObservableList<CheckpointRow> choices = FXCollections.observableArrayList();
    private final CheckBox onlyThisGroup = new CheckBox();
    private final ComboBox<CheckpointRow> entry = new ComboBox<>(choices);
    private final RadioButton original = new RadioButton("Into its original group");
    private final RadioButton fresh = new RadioButton("Into a new group");
    private final TextField newGroup = new TextField();
    private final Label groupError = new Label();
    private final Label precheck = new Label();
    private final RunControls run;
    private Optional<String> precheckRefusal = Optional.of("the pre-check is running");
    private long precheckGeneration;
    private Consumer<Restorer.Result> onRestored = r -> { };

    /**
     * @param rows     the catalog as listed (corrupted entries are not offered)
     * @param forGroup the selected group: its checkpoints come first and can be the only ones shown
     * @param selectId the entry to choose first, if any
     */
    public RestoreDialog(CheckpointService service, CriuAvailability criu, Executor worker, List<CheckpointRow> rows,
                         Optional<GroupPath> forGroup, Optional<String> selectId) {
        this.service = service;
        this.criu = criu;
        this.off = new OffFxThread(worker);
        this.all = rows.stream().filter(CheckpointRow::restorable).toList();
        this.forGroup = forGroup;
        setTitle("Restore");
        setHeaderText(forGroup.map(g -> "Restore a checkpoint of " + g).orElse("Restore a checkpoint"));
        getDialogPane().setId("restore-dialog");
        getDialogPane().getStylesheets().add(CheckpointsPane.class.getResource("checkpoint.css").toExternalForm());
        getDialogPane().getButtonTypes().setAll(START, ButtonType.CLOSE);
        setResizable(true);

        onlyThisGroup.setId("restore-only-group");
        onlyThisGroup.setText(forGroup.map(g -> "Only checkpoints of " + g).orElse("Only this group's checkpoints"));
        onlyThisGroup.setDisable(forGroup.isEmpty());
        boolean ofThisGroup = selectId.map(id -> all.stream().filter(r -> r.id().equals(id))
                .anyMatch(this::ofGroup)).orElse(all.stream().anyMatch(this::ofGroup));
        onlyThisGroup.setSelected(forGroup.isPresent() && ofThisGroup);
        onlyThisGroup.selectedProperty().addListener((o, was, now) -> fillChoices(Optional.empty()));
        entry.setId("restore-entry");
        entry.setMaxWidth(Double.MAX_VALUE);
        entry.setCellFactory(l -> cell());
        entry.setButtonCell(cell());
        entry.valueProperty().addListener((o, was, now) -> entryChanged());

        ToggleGroup where = new ToggleGroup();
        original.setId("restore-original");
        fresh.setId("restore-new");
        original.setToggleGroup(where);
        fresh.setToggleGroup(where);
        original.setSelected(true);
        newGroup.setId("restore-new-group");
        newGroup.setPromptText("a name beside the original group, or a path like /corral-test-restored");
        groupError.setId("restore-group-error");
        groupError.setWrapText(true);
        newGroup.disableProperty().bind(original.selectedProperty());
        where.selectedToggleProperty().addListener((o, was, now) -> update());
        newGroup.textProperty().addListener((o, was, now) -> update());
        precheck.setId("restore-precheck");
        precheck.setWrapText(true);
        run = new RunControls(this, START, off, "restore", "The catalog entry is unchanged.", this::start,
                this::update);
        RunControls.keepLines(precheck, groupError);

        Label from = new Label("Checkpoint");
        from.getStyleClass().add(Styles.PANEL_TITLE);
        Label into = new Label("Into");
        into.getStyleClass().add(Styles.PANEL_TITLE);
        Label check = new Label("Pre-check");
        check.getStyleClass().add(Styles.PANEL_TITLE);
        VBox content = new VBox(6, from, onlyThisGroup, entry, new Separator(), into, original,
                new HBox(8, fresh, newGroup), groupError, new Separator(), check, precheck, new Separator());
        content.getChildren().addAll(run.lines());
        HBox.setHgrow(newGroup, javafx.scene.layout.Priority.ALWAYS);
        content.setPadding(new Insets(4));
        content.setPrefWidth(640);
        getDialogPane().setContent(content);

        criu.refusalProperty().addListener((o, was, now) -> update());
        fillChoices(selectId);
    }

    public void setOnRestored(Consumer<Restorer.Result> onRestored) {
        this.onRestored = onRestored;
    }

    public ComboBox<CheckpointRow> entryBox() {
        return entry;
    }

    private boolean ofGroup(CheckpointRow r) {
        return forGroup.map(g -> r.manifest().map(m -> m.hierarchies().stream()
                .anyMatch(h -> GroupPath.ofKernel(h.path()).equals(g))).orElse(false)).orElse(true);
    }

    private void fillChoices(Optional<String> selectId) {
        CheckpointRow was = entry.getValue();
        choices.setAll(all.stream().filter(r -> !onlyThisGroup.isSelected() || ofGroup(r)).toList());
        Optional<CheckpointRow> pick = selectId.flatMap(id -> choices.stream().filter(r -> r.id().equals(id)).findFirst())
                .or(() -> Optional.ofNullable(was).filter(choices::contains))
                .or(() -> choices.stream().findFirst());
        entry.setValue(pick.orElse(null));
        if (pick.isEmpty()) {
            entryChanged();
        }
    }

    private static ListCell<CheckpointRow> cell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(CheckpointRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
            }
        };
    }

    private void entryChanged() {
        CheckpointRow r = entry.getValue();
        // The checkpoint's own group, not the one selected in the tree (which may have none).
        setHeaderText(r == null ? "Restore a checkpoint" : "Restore a checkpoint of " + r.group());
        original.setText(r == null ? "Into its original group" : "Into its original group " + originalPath(r)
                + " (recreated with its recorded limits if gone)");
        long generation = ++precheckGeneration;
        if (r == null) {
            precheckRefusal = Optional.of(all.isEmpty() ? "the catalog has no restorable checkpoint"
                    : "no checkpoint of this group: untick \u201c" + onlyThisGroup.getText() + "\u201d");
            precheck.setText(precheckRefusal.get());
            update();
            return;
        }
        precheckRefusal = Optional.of("the pre-check is running");
        precheck.setText("Checking the images and the PIDs the restore needs\u2026");
        update();
        off.run(() -> {
            var v = service.catalog().verify(r.id());
            if (!v.restorable()) {
                return Optional.of("corrupted: " + String.join("; ", v.problems()));
            }
            List<String> taken = service.takenPids(r.id());
            return taken.isEmpty() ? Optional.<String>empty() : Optional.of("PIDs taken: " + String.join("; ", taken));
        }, problem -> {
            if (generation != precheckGeneration) {
                return;
            }
            precheckRefusal = problem;
            Manifest m = r.manifest().orElseThrow();
            precheck.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.REFUSED_TEXT);
            precheck.getStyleClass().add(problem.isEmpty() ? Styles.APPLIED_TEXT : Styles.REFUSED_TEXT);
            precheck.setText(problem.orElse("Images verified. " + (m.pidNamespace()
                    ? "The tree has its own pid namespace: CRIU recreates it, no host PID is needed."
                    : "All " + m.neededHostPids().size() + " PIDs the tree needs are free: " + m.neededHostPids())));
            update();
            run.fit();
        }, e -> {
            if (generation == precheckGeneration) {
                precheckRefusal = Optional.of("the pre-check failed: " + OffFxThread.message(e));
                precheck.setText(precheckRefusal.get());
                update();
            }
        });
    }

    private static String originalPath(CheckpointRow r) {
        return r.manifest().flatMap(m -> m.hierarchies().stream().findFirst()).map(Manifest.HierarchyRecord::path)
                .orElse(r.group());
    }

    /** The new group's path: a name goes beside the original group, a path is taken as it is. */
    private Optional<GroupPath> newGroupPath() throws InvalidInputException {
        String text = newGroup.getText().strip();
        CheckpointRow r = entry.getValue();
        if (text.startsWith("/")) {
            GroupPath p = GroupPath.parse(text, GroupName.KNOWN_CONTROLLERS);
            if (p.isRoot()) {
                throw new InvalidInputException(text, "restore into a group, not the root group");
            }
            return Optional.of(p);
        }
        String name = GroupName.validate(text, GroupName.KNOWN_CONTROLLERS);
        GroupPath parent = r == null ? GroupPath.ROOT : GroupPath.ofKernel(originalPath(r)).parent();
        return Optional.of(parent.child(name));
    }

    private Optional<String> targetRefusal() {
        if (original.isSelected()) {
            groupError.setText("");
            return Optional.empty();
        }
        try {
            GroupPath p = newGroupPath().orElseThrow();
            groupError.getStyleClass().setAll("label", Styles.MUTED);
            groupError.setText("Restores into " + p + " in every hierarchy the checkpoint recorded.");
            return Optional.empty();
        } catch (InvalidInputException e) {
            groupError.getStyleClass().setAll("label", Styles.REFUSED_TEXT);
            groupError.setText(e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    private Optional<String> refusal() {
        if (run.done()) {
            return Optional.of("done");
        }
        if (run.running()) {
            return Optional.of("a restore is running");
        }
        return criu.refusal().or(this::targetRefusal).or(() -> precheckRefusal);
    }

    private void update() {
        Optional<String> r = refusal();
        getDialogPane().lookupButton(START).setDisable(r.isPresent());
        if (!run.running() && !run.done()) {
            run.verdict(r.isEmpty(), r.isEmpty() ? "Ready: one click on Restore." : "Cannot restore: " + r.get());
        }
        for (Node n : List.of(entry, onlyThisGroup, original, fresh)) {
            n.setDisable(run.running() || run.done() || (n == onlyThisGroup && forGroup.isEmpty()));
        }
    }

    private void start() {
        if (refusal().isPresent()) {
            return;
        }
        CheckpointRow r = entry.getValue();
        Optional<GroupPath> into;
        try {
            into = original.isSelected() ? Optional.empty() : newGroupPath();
        } catch (InvalidInputException e) {
            return;
        }
        run.run("Restoring " + r.id() + into.map(p -> " into " + p).orElse("") + "\u2026",
                p -> service.restore(r.id(), into, p), RestoreDialog::restored, res -> onRestored.accept(res));
    }

    private static RunControls.Outcome restored(Restorer.Result res) {
        return new RunControls.Outcome("Restored " + res.id() + ": " + res.pids().size() + " processes running.",
                "Root PID " + res.rootPid() + " in " + res.places().stream().map(Object::toString)
                .reduce((a, b) -> a + ", " + b).orElse("?") + "; restore " + res.restoreMillis() + " ms, "
                + res.limitWrites().size() + " limit writes."
                + (res.notes().isEmpty() ? "" : "\n" + String.join("\n", res.notes())));
    }
}
