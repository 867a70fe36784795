package io.corral.views.checkpoint;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.checkpoint.CheckpointException;
import io.corral.model.checkpoint.CheckpointOptions;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.Checkpointer;
import io.corral.model.checkpoint.Preflight;
import io.corral.model.checkpoint.Progress;
import io.corral.styles.Styles;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * "Checkpoint..." for one group: runs the pre-flight when it opens and shows each check
 * (one process tree, console and CRIU outside the group, freezer, free disk against the
 * estimate, blockers CRIU would refuse), the options (leave running, TCP established, file
 * locks, label), and ONE click starts the dump when all is clear. Progress (phase, elapsed,
 * bytes written) comes from the worker; a failure shows CRIU's error line with its context
 * and that the workload is running and thawed.
 */
public final class CheckpointDialog extends Dialog<ButtonType> {
    public static final ButtonType START = new ButtonType("Checkpoint", ButtonBar.ButtonData.OK_DONE);

    private final CheckpointService service;
    private final CriuAvailability criu;
    private final OffFxThread off;
    private final GroupSpec group;
    private final CheckLine tree = new CheckLine("check-tree", "One process tree");
    private final CheckLine inside = new CheckLine("check-inside", "Console and CRIU outside the group");
    private final CheckLine freezer = new CheckLine("check-freezer", "Freezer");
    private final CheckLine disk = new CheckLine("check-disk", "Free disk");
    private final CheckLine blockers = new CheckLine("check-blockers", "Resources CRIU refuses");
    private final CheckLine other = new CheckLine("check-other", "Other problems");
    private final CheckBox leaveRunning = new CheckBox("Leave running (checkpoint a copy; the workload keeps going)");
    private final CheckBox tcp = new CheckBox("Dump established TCP connections (--tcp-established)");
    private final CheckBox locks = new CheckBox("Dump file locks (--file-locks)");
    private final TextField label = new TextField();
    private final Label verdict = new Label("Running the pre-flight\u2026");
    private final ProgressLine progress = new ProgressLine("checkpoint-progress");
    private final TextArea failure = new TextArea();
    private final Label result = new Label();
    private Optional<Preflight> preflight = Optional.empty();
    private boolean checking;
    private boolean running;
    private boolean done;
    private Consumer<Checkpointer.Result> onCheckpointed = r -> { };

    public CheckpointDialog(CheckpointService service, CriuAvailability criu, Executor worker, GroupSpec group) {
        this.service = service;
        this.criu = criu;
        this.off = new OffFxThread(worker);
        this.group = group;
        setTitle("Checkpoint " + group);
        setHeaderText("Checkpoint " + group + " with CRIU");
        getDialogPane().setId("checkpoint-dialog");
        getDialogPane().getStylesheets().add(CheckpointsPane.class.getResource("checkpoint.css").toExternalForm());
        getDialogPane().getButtonTypes().setAll(START, ButtonType.CLOSE);
        setResizable(true);

        leaveRunning.setId("opt-leave-running");
        tcp.setId("opt-tcp-established");
        locks.setId("opt-file-locks");
        label.setId("opt-label");
        label.setPromptText("a name for people (optional)");
        tcp.setTooltip(new Tooltip("Without it CRIU refuses a tree with established TCP connections. Restoring "
                + "them needs the same addresses; peers see a pause."));
        leaveRunning.setTooltip(new Tooltip("Without it the workload is stopped after the dump and its group empties."));
        tcp.selectedProperty().addListener((o, was, now) -> showPreflight());
        verdict.setId("checkpoint-verdict");
        verdict.getStyleClass().add("checkpoint-verdict");
        verdict.setWrapText(true);
        failure.setId("checkpoint-failure");
        failure.getStyleClass().add("checkpoint-failure");
        failure.setEditable(false);
        failure.setWrapText(true);
        failure.setPrefRowCount(9);
        failure.setVisible(false);
        failure.setManaged(false);
        result.setId("checkpoint-result");
        result.setWrapText(true);
        keepLines(verdict, result);
        Label rerun = new Label();
        javafx.scene.control.Hyperlink again = new javafx.scene.control.Hyperlink("Check again");
        again.setId("preflight-rerun");
        again.setOnAction(e -> runPreflight());

        GridPane options = new GridPane();
        options.setHgap(8);
        options.setVgap(4);
        options.add(leaveRunning, 0, 0, 2, 1);
        options.add(tcp, 0, 1, 2, 1);
        options.add(locks, 0, 2, 2, 1);
        options.add(new Label("Label"), 0, 3);
        options.add(label, 1, 3);
        Label checks = new Label("Pre-flight");
        checks.getStyleClass().add(Styles.PANEL_TITLE);
        Label opts = new Label("Options");
        opts.getStyleClass().add(Styles.PANEL_TITLE);
        VBox content = new VBox(6, checks, tree, inside, freezer, disk, blockers, other, again, new Separator(), opts,
                options, new Separator(), verdict, progress, failure, result, rerun);
        content.setPadding(new Insets(4, 4, 4, 4));
        content.setPrefWidth(660);
        getDialogPane().setContent(content);
        other.setVisible(false);
        other.setManaged(false);

        RunControls.wire(this, START, "checkpoint", this::start, () -> running, progress);
        criu.refusalProperty().addListener((o, was, now) -> update());
        runPreflight();
    }

    /** Called on the FX thread with the new entry after a successful checkpoint. */
    public void setOnCheckpointed(Consumer<Checkpointer.Result> onCheckpointed) {
        this.onCheckpointed = onCheckpointed;
    }

    public CheckpointOptions options() {
        return new CheckpointOptions(leaveRunning.isSelected(), tcp.isSelected(), locks.isSelected(),
                label.getText().strip());
    }

    public Optional<Preflight> preflight() {
        return preflight;
    }

    /** Runs the pre-flight again on the worker. */
    public void runPreflight() {
        checking = true;
        verdict.setText("Running the pre-flight\u2026");
        update();
        off.run(() -> service.preflight(group), pf -> {
            checking = false;
            preflight = Optional.of(pf);
            showPreflight();
        }, e -> {
            checking = false;
            preflight = Optional.empty();
            for (CheckLine l : List.of(tree, inside, freezer, disk, blockers)) {
                l.set(CheckLine.Mark.WARNING, "not checked");
            }
            verdict.setText("The pre-flight failed: " + OffFxThread.message(e));
            update();
        });
    }

    private void showPreflight() {
        if (preflight.isEmpty()) {
            update();
            return;
        }
        Preflight pf = preflight.get();
        List<String> shown = new ArrayList<>();
        // Tree
        if (pf.root().isPresent() && pf.outsideTree().isEmpty() && pf.treeOutsideGroup().isEmpty()) {
            tree.set(CheckLine.Mark.PASSED, pf.tree().size() + " processes under PID " + pf.root().get()
                    + (pf.pidNamespace() ? ", the init of its own pid namespace (restore needs no host PID)"
                    : " (same pid namespace as the host: the restore needs these PIDs free)")
                    + pf.holder().map(h -> "; launcher " + h + " waits outside the dump").orElse(""));
        } else {
            List<String> why = pf.problems().stream().filter(p -> p.contains("tree") || p.contains("no processes")
                    || p.contains("session leader") || p.contains("descend from")).toList();
            shown.addAll(why);
            tree.set(CheckLine.Mark.BLOCKS, why.isEmpty() ? "no single process tree" : String.join("\n", why));
        }
        // Console / CRIU
        List<String> in = pf.problems().stream().filter(p -> p.contains("console itself") || p.contains("CRIU itself"))
                .toList();
        shown.addAll(in);
        inside.set(in.isEmpty() ? CheckLine.Mark.PASSED : CheckLine.Mark.BLOCKS,
                in.isEmpty() ? "neither Corral (PID " + ProcessHandle.current().pid() + ") nor CRIU is in the group"
                        : String.join("\n", in));
        // Freezer
        List<String> fz = pf.problems().stream().filter(p -> p.contains("freezer")).filter(p -> !shown.contains(p))
                .toList();
        shown.addAll(fz);
        freezer.set(fz.isEmpty() && pf.freezer().isPresent() ? CheckLine.Mark.PASSED : CheckLine.Mark.BLOCKS,
                fz.isEmpty() ? pf.freezer().map(f -> "CRIU freezes " + f + " (--freeze-cgroup)").orElse("no freezer")
                        : String.join("\n", fz));
        // Disk
        List<String> dk = pf.problems().stream().filter(p -> p.contains("free, the images need")).toList();
        shown.addAll(dk);
        String diskText = (pf.freeBytes() < 0 ? "free space unknown" : CheckpointsPane.bytes(pf.freeBytes()) + " free")
                + " in " + service.catalog().root() + "; the images need about "
                + CheckpointsPane.bytes(pf.estimatedBytes());
        disk.set(dk.isEmpty() ? (pf.freeBytes() < 0 ? CheckLine.Mark.WARNING : CheckLine.Mark.PASSED)
                : CheckLine.Mark.BLOCKS, diskText);
        // Blockers
        CheckpointOptions o = options();
        List<String> refused = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (Preflight.Blocker b : pf.blockers()) {
            (b.kind() == Preflight.Kind.TCP_ESTABLISHED && o.tcpEstablished() ? allowed : refused).add(b.toString());
        }
        if (pf.blockers().isEmpty()) {
            blockers.set(CheckLine.Mark.PASSED, "no established TCP, external unix stream sockets or io_uring");
        } else if (refused.isEmpty()) {
            blockers.set(CheckLine.Mark.WARNING, "dumped as chosen: " + String.join("\n", allowed));
        } else {
            blockers.set(CheckLine.Mark.BLOCKS, String.join("\n", refused)
                    + (pf.blockers().stream().anyMatch(b -> b.kind() == Preflight.Kind.TCP_ESTABLISHED)
                    && !o.tcpEstablished() ? "\n(tick \u201cDump established TCP connections\u201d to keep them)" : ""));
        }
        List<String> rest = pf.problems().stream().filter(p -> !shown.contains(p)).toList();
        other.setVisible(!rest.isEmpty());
        other.setManaged(!rest.isEmpty());
        other.set(CheckLine.Mark.BLOCKS, String.join("\n", rest));
        update();
    }

    private Optional<String> refusal() {
        if (done) {
            return Optional.of("done");
        }
        if (running) {
            return Optional.of("a checkpoint is running");
        }
        if (checking) {
            return Optional.of("the pre-flight is running");
        }
        Optional<String> c = criu.refusal();
        if (c.isPresent()) {
            return c;
        }
        if (preflight.isEmpty()) {
            return Optional.of("the pre-flight did not complete");
        }
        List<String> reasons = preflight.get().reasons(options());
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    private void update() {
        Optional<String> r = refusal();
        Node start = getDialogPane().lookupButton(START);
        start.setDisable(r.isPresent());
        if (!running && !done && !checking) {
            verdict.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.REFUSED_TEXT);
            verdict.getStyleClass().add(r.isEmpty() ? Styles.APPLIED_TEXT : Styles.REFUSED_TEXT);
            if (preflight.isPresent() || criu.refusal().isPresent()) {
                verdict.setText(r.isEmpty() ? "All clear: one click on Checkpoint starts the dump."
                        : "Cannot checkpoint: " + r.get());
            }
        }
        for (Node n : List.of(leaveRunning, tcp, locks, label)) {
            n.setDisable(running || done);
        }
    }

    private void start() {
        if (refusal().isPresent()) {
            return;
        }
        CheckpointOptions o = options();
        running = true;
        failure.setVisible(false);
        failure.setManaged(false);
        verdict.setText("Checkpointing " + group + (o.leaveRunning() ? " (left running)" : "") + "\u2026");
        verdict.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.REFUSED_TEXT);
        update();
        Progress p = progress.start();
        fit();
        ((javafx.scene.control.Button) getDialogPane().lookupButton(ButtonType.CLOSE)).setText("Cancel");
        off.run(() -> service.checkpoint(group, o, p), r -> {
            running = false;
            done = true;
            progress.finish(true);
            closeButtonText("Close");
            verdict.getStyleClass().add(Styles.APPLIED_TEXT);
            verdict.setText("Checkpoint " + r.id() + " written.");
            result.setText(r.manifest().tree().size() + " processes, " + CheckpointsPane.bytes(r.manifest().imageBytes())
                    + " of images, dump " + r.manifest().durations().dumpMillis() + " ms, total "
                    + r.manifest().durations().totalMillis() + " ms. "
                    + (o.leaveRunning() ? "The workload keeps running." : "The workload is stopped and its group is empty.")
                    + (r.notes().isEmpty() ? "" : "\n" + String.join("\n", r.notes())));
            update();
            fit();
            onCheckpointed.accept(r);
        }, e -> {
            running = false;
            progress.finish(false);
            closeButtonText("Close");
            showFailure(e);
            update();
        });
    }

    private void closeButtonText(String text) {
        ((javafx.scene.control.Button) getDialogPane().lookupButton(ButtonType.CLOSE)).setText(text);
    }

    private void showFailure(Exception e) {
        StringBuilder sb = new StringBuilder(OffFxThread.message(e)).append('\n');
        if (e instanceof CheckpointException ce) {
            ce.logExcerpt().ifPresent(x -> sb.append("\nCRIU log").append(ce.log().map(l -> " " + l).orElse(""))
                    .append(", the first error with its context:\n").append(x));
            if (ce.logExcerpt().isEmpty()) {
                ce.log().ifPresent(l -> sb.append("\nCRIU log: ").append(l).append('\n'));
            }
        }
        sb.append("\nThe workload is running and thawed; no catalog entry was written.");
        failure.setText(sb.toString());
        failure.setVisible(true);
        failure.setManaged(true);
        verdict.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.REFUSED_TEXT);
        verdict.getStyleClass().add(Styles.REFUSED_TEXT);
        verdict.setText(progress.isCancelled() ? "Cancelled." : "The checkpoint failed.");
        fit();
    }

    /** Texts of the checks, for tests: check id to its mark and detail. */
    public List<String> checkTexts() {
        List<String> out = new ArrayList<>();
        for (CheckLine l : List.of(tree, inside, freezer, disk, blockers, other)) {
            if (l.isManaged()) {
                out.add(l.getId() + " " + l.mark() + ": " + l.detail());
            }
        }
        return out;
    }

    /** Grows the window to its content (results and failures appear after it was shown). */
    private void fit() {
        javafx.application.Platform.runLater(() -> {
            if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
    }

    private static void keepLines(Label... labels) {
        for (Label l : labels) {
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
    }
}
