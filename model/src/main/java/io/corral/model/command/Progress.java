package io.corral.model.command;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How far a batch command has got, reported after each write, and the user's wish to
 * stop it. The engine checks {@link #cancelled()} between writes only: a write already
 * sent is never undone by cancelling, so what moved stays moved (and is in the result's
 * inverse, ready to undo).
 *
 * <p>The listener runs on the engine's thread, once per write: keep it cheap (hand the
 * newest update to another thread and return).
 */
public final class Progress {

    /**
     * @param done   tasks handled so far in this pass (moved, exited or refused)
     * @param total  tasks to handle in this pass
     * @param pass   1 for a move of listed tasks; 1, 2, ... for the passes of a move-all
     * @param moved  tasks moved so far, all passes together
     * @param failed tasks refused or exited so far, all passes together
     */
    public record Update(int done, int total, int pass, int moved, int failed) {
    }

    private static final Progress NONE = new Progress(u -> { });

    private final Consumer<Update> listener;
    private volatile boolean cancelled;

    public Progress(Consumer<Update> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** No one listens and no one cancels. */
    public static Progress none() {
        return NONE;
    }

    /** Asks the command to stop before its next write (any thread). */
    public void cancel() {
        if (this != NONE) {
            cancelled = true;
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Hands an update to the listener (the engine after each write; adapters that forward one). */
    public void report(Update u) {
        listener.accept(u);
    }
}
