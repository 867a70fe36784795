package io.corral.views.checkpoint;

import io.corral.model.checkpoint.CheckpointException;
import io.corral.model.checkpoint.Progress;
import io.corral.styles.Styles;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The run of one long CRIU operation (dump or restore) in a dialog: the start button runs it
 * without closing the dialog, and while it runs, Close (or the window's close box) cancels
 * it instead of closing. It owns what every run shows: the verdict line, the progress line,
 * the failure text with CRIU's first error and its context, and the result line.
 */
final class RunControls {
    /** The blocking model call of a run, reporting to {@code progress}. */
    interface Job<T> {
        T call(Progress progress) throws Exception;
    }

    /** What a successful run shows: the verdict and the result line under it. */
    record Outcome(String verdict, String result) {
    }

    private final Dialog<?> dialog;
    private final OffFxThread off;
    private final String noun;
    private final String afterFailure;
    private final Runnable update;
    private final Label verdict = new Label();
    private final ProgressLine progress;
    private final TextArea failure = new TextArea();
    private final Label result = new Label();
    private boolean running;
    private boolean done;

    /**
     * @param noun         the operation in the dialog's words ("checkpoint", "restore"); also the id prefix
     * @param afterFailure the line a failure ends with: what state the workload and catalog are in
     * @param update       refreshes the dialog's buttons and fields (called when a run starts and ends)
     */
    RunControls(Dialog<?> dialog, ButtonType start, OffFxThread off, String noun, String afterFailure,
                Runnable onStart, Runnable update) {
        this.dialog = dialog;
        this.off = off;
        this.noun = noun;
        this.afterFailure = afterFailure;
        this.update = update;
        this.progress = new ProgressLine(noun + "-progress");
        verdict.setId(noun + "-verdict");
        verdict.getStyleClass().add("checkpoint-verdict");
        verdict.setWrapText(true);
        failure.setId(noun + "-failure");
        failure.getStyleClass().add("checkpoint-failure");
        failure.setEditable(false);
        failure.setWrapText(true);
        failure.setPrefRowCount(9);
        failure.setVisible(false);
        failure.setManaged(false);
        result.setId(noun + "-result");
        result.setWrapText(true);
        keepLines(verdict, result);

        Node startButton = dialog.getDialogPane().lookupButton(start);
        startButton.setId(noun + "-start");
        startButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            onStart.run();
        });
        Node close = dialog.getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId(noun + "-close");
        close.addEventFilter(ActionEvent.ACTION, e -> {
            if (running) {
                e.consume();
                progress.cancel();
            }
        });
        dialog.setOnCloseRequest(e -> {
            if (running) {
                e.consume();
                progress.cancel();
            }
        });
    }

    boolean running() {
        return running;
    }

    boolean done() {
        return done;
    }

    /** Verdict, progress, failure and result, in that order, for the dialog's layout. */
    Node[] lines() {
        return new Node[] {verdict, progress, failure, result};
    }

    Label verdict() {
        return verdict;
    }

    /** Shows {@code text} as the verdict, green when {@code clear}, red otherwise. */
    void verdict(boolean clear, String text) {
        verdict.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.REFUSED_TEXT);
        verdict.getStyleClass().add(clear ? Styles.APPLIED_TEXT : Styles.REFUSED_TEXT);
        verdict.setText(text);
    }

    /**
     * Runs {@code job} on the worker with the progress line showing; on success shows
     * {@code shown}'s outcome and then hands the result to {@code after}, on failure shows
     * what CRIU said. Either way Close closes again afterwards.
     */
    <T> void run(String startText, Job<T> job, Function<T, Outcome> shown, Consumer<T> after) {
        running = true;
        failure.setVisible(false);
        failure.setManaged(false);
        verdict.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.REFUSED_TEXT);
        verdict.setText(startText);
        update.run();
        Progress p = progress.start();
        fit();
        closeText("Cancel");
        off.run(() -> job.call(p), t -> {
            running = false;
            done = true;
            progress.finish(true);
            closeText("Close");
            Outcome o = shown.apply(t);
            verdict(true, o.verdict());
            result.setText(o.result());
            update.run();
            fit();
            after.accept(t);
        }, e -> {
            running = false;
            progress.finish(false);
            closeText("Close");
            failure.setText(failureText(e));
            failure.setVisible(true);
            failure.setManaged(true);
            verdict(false, progress.isCancelled() ? "Cancelled." : "The " + noun + " failed.");
            update.run();
            fit();
        });
    }

    private String failureText(Exception e) {
        StringBuilder sb = new StringBuilder(OffFxThread.message(e)).append('\n');
        if (e instanceof CheckpointException ce) {
            Optional<String> excerpt = ce.logExcerpt();
            excerpt.ifPresent(x -> sb.append("\nCRIU log").append(ce.log().map(l -> " " + l).orElse(""))
                    .append(", the first error with its context:\n").append(x));
            if (excerpt.isEmpty()) {
                ce.log().ifPresent(l -> sb.append("\nCRIU log: ").append(l).append('\n'));
            }
        }
        return sb.append('\n').append(afterFailure).toString();
    }

    private void closeText(String text) {
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CLOSE)).setText(text);
    }

    /** Grows the window to its content (results and failures appear after it was shown). */
    void fit() {
        Platform.runLater(() -> {
            if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
    }

    /** Wrapped labels keep all their lines instead of shrinking to an ellipsis. */
    static void keepLines(Label... labels) {
        for (Label l : labels) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
    }
}
