package io.corral.app.cli;

import io.corral.model.command.CommandResult;
import io.corral.model.command.Failure;
import io.corral.model.command.Step;

import java.io.PrintWriter;

/**
 * Prints a command's result for people: one line per thing done with what the kernel holds
 * now on stdout; refusals on stderr, one line each. Exit status: 0 applied, 1 nothing
 * changed, 2 partly applied.
 */
final class ResultPrinter {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int PARTIAL = 2;

    private ResultPrinter() {
    }

    static int print(CommandResult r, PrintWriter out, PrintWriter err) {
        int status;
        if (r instanceof CommandResult.Applied a) {
            a.steps().forEach(s -> out.println(line(s)));
            status = OK;
        } else if (r instanceof CommandResult.Partial p) {
            p.steps().forEach(s -> out.println(line(s)));
            p.failures().forEach(f -> err.println("corral: " + oneLine(f.message())));
            status = PARTIAL;
        } else {
            CommandResult.Rejected j = (CommandResult.Rejected) r;
            long undone = r.warnings().stream().filter(w -> w.startsWith("rolled back: ")).count();
            String suffix = undone == 0 ? "" : " (nothing changed: undid " + undone + " earlier step"
                    + (undone == 1 ? "" : "s") + ")";
            for (int i = 0; i < j.failures().size(); i++) {
                err.println("corral: " + oneLine(j.failures().get(i).message()) + (i == 0 ? suffix : ""));
            }
            r.warnings().stream().filter(w -> !w.startsWith("rolled back: "))
                    .forEach(w -> err.println("corral: " + oneLine(w)));
            out.flush();
            err.flush();
            return REFUSED;
        }
        r.warnings().forEach(w -> err.println("corral: " + oneLine(w)));
        out.flush();
        err.flush();
        return status;
    }

    /** Control characters from user input are shown escaped, so a message stays one line. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    private static String line(Step s) {
        return s.holds().map(h -> s.what() + "  [now: " + h + "]").orElse(s.what());
    }
}
