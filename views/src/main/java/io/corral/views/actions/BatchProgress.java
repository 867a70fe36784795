package io.corral.views.actions;

import io.corral.model.command.Progress;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The progress of one batch command as FX properties. The engine reports after every write
 * on its own thread; only the newest update is handed to the FX thread, with at most one
 * hand-over pending, so a fast batch never floods the event queue. {@link #cancel} asks the
 * engine to stop before its next write.
 */
public final class BatchProgress {
    private final String title;
    private final Progress model;
    private final Executor fxThread;
    private final AtomicReference<Progress.Update> pending = new AtomicReference<>();
    private final ReadOnlyObjectWrapper<Progress.Update> last = new ReadOnlyObjectWrapper<>(this, "last");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", -1);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "starting\u2026");
    private final ReadOnlyBooleanWrapper cancelRequested = new ReadOnlyBooleanWrapper(this, "cancelRequested");

    /**
     * @param title    what runs, for people ("Moving 300 tasks to /web")
     * @param fxThread where the properties change (Platform::runLater)
     */
    public BatchProgress(String title, Executor fxThread) {
        this.title = Objects.requireNonNull(title);
        this.fxThread = Objects.requireNonNull(fxThread);
        this.model = new Progress(this::offer);
    }

    /** The engine's side: pass this to the command. */
    public Progress model() {
        return model;
    }

    public String title() {
        return title;
    }

    private void offer(Progress.Update u) {
        if (pending.getAndSet(u) == null) {
            fxThread.execute(() -> {
                Progress.Update newest = pending.getAndSet(null);
                if (newest != null) {
                    apply(newest);
                }
            });
        }
    }

    private void apply(Progress.Update u) {
        last.set(u);
        fraction.set(u.total() == 0 ? -1 : (double) u.done() / u.total());
        text.set(describe(u) + (cancelRequested.get() ? " \u2014 cancelling\u2026" : ""));
    }

    /** "120 of 300 (moved 118, 2 not moved)" and, from the second pass on, "pass 2: ...". */
    static String describe(Progress.Update u) {
        String s = u.done() + " of " + u.total();
        if (u.pass() > 1) {
            s = "pass " + u.pass() + ": " + s;
        }
        s += " (moved " + u.moved();
        if (u.failed() > 0) {
            s += ", " + u.failed() + " not moved";
        }
        return s + ")";
    }

    /** Stops the batch before its next write; what moved stays moved (and can be undone). */
    public void cancel() {
        cancelRequested.set(true);
        model.cancel();
        text.set(text.get() + " \u2014 cancelling\u2026");
    }

    /** The newest update shown (null before the first write). */
    public ReadOnlyObjectProperty<Progress.Update> lastProperty() {
        return last.getReadOnlyProperty();
    }

    /** done / total of the current pass; -1 (indeterminate) before the first write. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancelRequestedProperty() {
        return cancelRequested.getReadOnlyProperty();
    }
}
