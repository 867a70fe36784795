package io.corral.views.checkpoint;

import io.corral.model.checkpoint.Progress;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The progress of a dump or restore: phase, elapsed time and bytes written. The model
 * reports from its worker every ~100 ms; the newest report wins and at most one
 * {@code Platform.runLater} is pending, so a busy FX thread never queues stale updates.
 */
final class ProgressLine extends HBox {
    private record Report(Progress.Phase phase, Duration elapsed, long bytes) {
    }

    private final ProgressBar bar = new ProgressBar(0);
    private final Label text = new Label();
    private final AtomicReference<Report> newest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    ProgressLine(String id) {
        super(8);
        setId(id);
        text.setId(id + "-text");
        bar.setPrefWidth(160);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().setAll(bar, text);
        setVisible(false);
        setManaged(false);
    }

    /** A model {@link Progress} that shows here; {@link #cancel()} makes it report cancelled. */
    Progress start() {
        cancelled.set(false);
        setVisible(true);
        setManaged(true);
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        text.setText("Starting\u2026");
        return new Progress() {
            @Override
            public void update(Phase phase, Duration elapsed, long bytes) {
                newest.set(new Report(phase, elapsed, bytes));
                if (pending.compareAndSet(false, true)) {
                    Platform.runLater(ProgressLine.this::show);
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
    }

    void cancel() {
        cancelled.set(true);
        text.setText(text.getText() + " \u2014 cancelling\u2026");
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    /** Stops the bar; the last line stays. */
    void finish(boolean ok) {
        bar.setProgress(ok ? 1 : 0);
    }

    String text() {
        return text.getText();
    }

    private void show() {
        pending.set(false);
        Report r = newest.getAndSet(null);
        if (r != null) {
            text.setText(phase(r.phase()) + " \u00b7 " + String.format("%.1f s", r.elapsed().toMillis() / 1000.0)
                    + (r.bytes() > 0 ? " \u00b7 " + CheckpointsPane.bytes(r.bytes()) + " written" : "")
                    + (cancelled.get() ? " \u2014 cancelling\u2026" : ""));
            if (r.phase() == Progress.Phase.DONE) {
                bar.setProgress(1);
            }
        }
    }

    static String phase(Progress.Phase p) {
        return switch (p) {
            case PREFLIGHT -> "Pre-flight";
            case DUMPING -> "Dumping (CRIU)";
            case HASHING -> "Hashing the images";
            case COMMITTING -> "Writing the catalog entry";
            case STOPPING -> "Stopping the workload";
            case VERIFYING -> "Verifying the images";
            case PREPARING_GROUPS -> "Preparing the groups";
            case RESTORING -> "Restoring (CRIU)";
            case APPLYING_LIMITS -> "Applying the recorded limits";
            case DONE -> "Done";
        };
    }
}
