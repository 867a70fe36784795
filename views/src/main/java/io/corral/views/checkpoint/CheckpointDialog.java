package io.corral.views.checkpoint;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.checkpoint.CheckpointOptions;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.Checkpointer;
import io.corral.model.checkpoint.Preflight;
import io.corral.styles.Styles;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
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
    private final RunControls run;
    private final Label verdict;
    private Optional<Preflight> preflight = Optional.empty();
    private boolean checking;
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
        run = new RunControls(this, START, off, "checkpoint",
                "The workload is running and thawed; no catalog entry was written.", this::start, this::update);
        verdict = run.verdict();
        verdict.setText("Running the pre-flight\u2026");
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
                options, new Separator());
        content.getChildren().addAll(run.lines());
        content.setPadding(new Insets(4, 4, 4, 4));
        content.setPrefWidth(660);
        getDialogPane().setContent(content);
        other.setVisible(false);
        other.setManaged(false);

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
            tree.set(CheckLine.Mark.PASSED, processes(pf.tree().size()) + " under PID " + pf.root().get()
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
        // The checks' lines came after the window was sized: without this its buttons end
        // up below its bottom edge.
        run.fit();
    }

    /** "1 process", "3 processes". */
    static String processes(int n) {
        return n + (n == 1 ? " process" : " processes");
    }

    private Optional<String> refusal() {
        if (run.done()) {
            return Optional.of("done");
        }
        if (run.running()) {
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
        if (!run.running() && !run.done() && !checking) {
            boolean known = preflight.isPresent() || criu.refusal().isPresent();
            run.verdict(r.isEmpty(), !known ? verdict.getText() : r.isEmpty()
                    ? "All clear: one click on Checkpoint starts the dump." : "Cannot checkpoint: " + r.get());
        }
        for (Node n : List.of(leaveRunning, tcp, locks, label)) {
            n.setDisable(run.running() || run.done());
        }
    }

    private void start() {
        if (refusal().isPresent()) {
            return;
        }
        CheckpointOptions o = options();
        run.run("Checkpointing " + group + (o.leaveRunning() ? " (left running)" : "") + "\u2026",
                p -> service.checkpoint(group, o, p), r -> written(r, o), r -> onCheckpointed.accept(r));
    }

    private static RunControls.Outcome written(Checkpointer.Result r, CheckpointOptions o) {
        return new RunControls.Outcome("Checkpoint " + r.id() + " written.",
                processes(r.manifest().tree().size()) + ", " + CheckpointsPane.bytes(r.manifest().imageBytes())
                + " of images, dump " + r.manifest().durations().dumpMillis() + " ms, total "
                + r.manifest().durations().totalMillis() + " ms. "
                + (o.leaveRunning() ? "The workload keeps running." : "The workload is stopped and its group is empty.")
                + (r.notes().isEmpty() ? "" : "\n" + String.join("\n", r.notes())));
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
}
