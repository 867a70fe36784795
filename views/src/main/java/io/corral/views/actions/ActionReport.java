package io.corral.views.actions;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a command did, for the notification area: a one-line summary, the outcome, one line
 * per detail (e.g. "4711 moved", "4712 exited before the move", "2 refused: kernel thread")
 * and, when the command has an inverse, how to undo it.
 */
public record ActionReport(String summary, Outcome outcome, List<String> details, Optional<Undo> undo) {
    /** The engine's verdict: all of it, part of it, or nothing was applied. */
    public enum Outcome { APPLIED, PARTIAL, REJECTED }

    /** The inverse of an applied command; running it is itself an action with a report. */
    public record Undo(String description, Supplier<CompletableFuture<ActionReport>> run) {
    }

    public ActionReport {
        details = List.copyOf(details);
    }

    public static ActionReport rejected(String summary, String reason) {
        return new ActionReport(summary, Outcome.REJECTED, List.of(reason), Optional.empty());
    }
}
