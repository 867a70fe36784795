package io.corral.views.actions;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends commands without blocking the FX thread and brings their reports back to it: the
 * report goes to the notification area, its inverse onto the undo history. A failed future
 * (a bug or an engine crash, not a kernel refusal) becomes a REJECTED report.
 */
public final class ActionRunner {
    private final Executor fxThread;
    private final UndoHistory undo;
    private final Consumer<ActionReport> notifications;

    public ActionRunner(Executor fxThread, UndoHistory undo, Consumer<ActionReport> notifications) {
        this.fxThread = Objects.requireNonNull(fxThread);
        this.undo = Objects.requireNonNull(undo);
        this.notifications = Objects.requireNonNull(notifications);
    }

    /** Runs a command; its report arrives on the FX thread. Returns the FX-side future. */
    public CompletableFuture<ActionReport> run(String what, Supplier<CompletableFuture<ActionReport>> command) {
        CompletableFuture<ActionReport> started;
        try {
            started = command.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started
                .exceptionally(e -> ActionReport.rejected(what + " failed", String.valueOf(rootCause(e).getMessage())))
                .thenApplyAsync(report -> {
                    report.undo().ifPresent(undo::push);
                    notifications.accept(report);
                    return report;
                }, fxThread);
    }

    /** Pops and runs the newest undo; false when there is nothing to undo. */
    public boolean undoLast() {
        return undo.pop().map(u -> {
            run("undo " + u.description(), () -> u.run().get().thenApply(ActionRunner::withoutRedo));
            return true;
        }).orElse(false);
    }

    /** An undo's own inverse is not pushed again (no redo yet): Ctrl+Z twice must not flip-flop. */
    private static ActionReport withoutRedo(ActionReport r) {
        return new ActionReport(r.summary(), r.outcome(), r.details(), java.util.Optional.empty());
    }

    public UndoHistory history() {
        return undo;
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
