package io.corral.views.actions;

import io.corral.model.command.Command;
import io.corral.model.command.Failure;
import io.corral.model.kernel.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * A move's result in people's words: how many moved, exited, were refused (with the
 * reasons first, since they are what the user acts on) and, after a cancel, were not tried.
 * Per-task "moved" lines are folded into one count: a drop of 300 tasks must not bury the
 * one refusal under 300 lines.
 */
record MoveSummary(int asked, int moved, int exited, int refused, boolean cancelled, List<String> reasons,
                   boolean threads) {
    private static final int MAX_REASONS = 5;

    static MoveSummary of(Command.MoveTasks m, int moved, List<Failure> failures) {
        int exited = 0;
        int refused = 0;
        boolean cancelled = false;
        List<String> refusals = new ArrayList<>();
        List<String> exits = new ArrayList<>();
        String cancel = null;
        for (Failure f : failures) {
            if (f.errno() == Errno.EINTR && !f.written()) {
                cancelled = true;
                cancel = f.message();
            } else if (f.errno() == Errno.ESRCH) {
                exited++;
                exits.add(f.message());
            } else {
                refused++;
                refusals.add(f.message());
            }
        }
        List<String> reasons = new ArrayList<>();
        refusals.stream().distinct().limit(MAX_REASONS).forEach(reasons::add);
        exits.stream().limit(Math.max(0, MAX_REASONS - reasons.size())).forEach(reasons::add);
        if (cancel != null) {
            reasons.add(cancel);
        }
        return new MoveSummary(m.ids().size(), moved, exited, refused, cancelled, reasons, m.threads());
    }

    int notTried() {
        return Math.max(0, asked - moved - exited - refused);
    }

    String title(String where) {
        String tasks = threads ? (asked == 1 ? " thread" : " threads") : (asked == 1 ? " task" : " tasks");
        if (cancelled) {
            return "Cancelled: moved " + moved + " of " + asked + tasks + where;
        }
        if (moved == asked) {
            return "Moved " + moved + tasks + where;
        }
        if (asked == 1) {
            // One task: no counts, just what happened to it.
            return "Not moved" + where + ": the" + tasks + (exited == 1 ? " had exited" : " was refused");
        }
        return (moved == 0 ? "Moved none of " + asked + tasks : "Moved " + moved + " of " + asked + tasks) + where
                + ": " + counts(false);
    }

    /** "298 moved, 1 exited, 1 refused, 0 not tried" (only the non-zero parts). */
    String counts(boolean withMoved) {
        List<String> parts = new ArrayList<>();
        if (withMoved) {
            parts.add(moved + " moved");
        }
        if (exited > 0) {
            parts.add(exited + " exited");
        }
        if (refused > 0) {
            parts.add(refused + " refused");
        }
        if (notTried() > 0) {
            parts.add(notTried() + " not tried");
        }
        return String.join(", ", parts);
    }

    List<String> details() {
        List<String> lines = new ArrayList<>();
        if (asked > 1 || moved == asked) {
            lines.add(counts(true)); // for one task not moved, the title has said it
        }
        lines.addAll(reasons);
        int hidden = exited + refused - (int) reasons.stream().filter(r -> !r.startsWith("cancelled")).count();
        if (hidden > 0) {
            lines.add("(" + hidden + " more not listed)");
        }
        return lines;
    }
}
