package io.corral.model.launch;

import io.corral.model.namespace.NamespaceType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument vectors of a launch. Every piece of user input is a separate argument:
 * the two shell scripts here are fixed text that refers to their positional arguments.
 *
 * <pre>
 * sh -c PAUSE corral-launch setsid unshare OPTIONS [setsid] sh -c START corral-init LOG MODE ROLE CMD ARGS...
 * </pre>
 * PAUSE waits for a line on stdin (Corral moves the process into its groups meanwhile),
 * then execs the rest. START runs inside the new namespaces: with MODE {@code wait} it
 * waits for a second line (Corral writes the id maps meanwhile), then opens stdio on the
 * log file (inside the new mount namespace, as CRIU needs) and either execs the command
 * (ROLE {@code exec}) or, as PID 1 of a new pid namespace (ROLE {@code init}), runs it as
 * a child, forwards TERM/INT/HUP to it and reaps every orphan until it exits.
 */
public final class UnshareCommand {
    /** Stage one: paused until Corral has put this very process into the target groups. */
    static final String PAUSE = "read x || exit 111; exec \"$@\"";

    /** Stage two, inside the namespaces. {@code wait} in dash/bash reaps any child, orphans included. */
    static final String START = String.join("\n",
            "log=$1; mode=$2; role=$3; shift 3",
            "if [ \"$mode\" = wait ]; then read x || exit 111; fi",
            "exec </dev/null >>\"$log\" 2>&1",
            "if [ \"$role\" = exec ]; then exec \"$@\"; fi",
            "\"$@\" &",
            "child=$!",
            "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT HUP",
            "while :; do",
            "  wait \"$child\"; status=$?",
            "  kill -0 \"$child\" 2>/dev/null || exit \"$status\"",
            "done");

    private UnshareCommand() {
    }

    /** The unshare options for the spec's namespaces. */
    static List<String> unshareOptions(LaunchSpec spec) {
        List<String> opts = new ArrayList<>();
        for (NamespaceType t : NamespaceType.values()) {
            if (spec.creates(t)) {
                opts.add(t.unshareOption());
            }
        }
        if (spec.forks()) {
            opts.add("--fork");
        }
        if (spec.creates(NamespaceType.PID) && spec.creates(NamespaceType.MNT)) {
            // /proc of the new pid namespace, so that ps and /proc/self inside agree with it.
            opts.add("--mount-proc");
        }
        if (spec.creates(NamespaceType.USER) && spec.userMapping() instanceof UserMapping.MapRoot) {
            opts.add("--map-root-user");
        }
        return opts;
    }

    /** The full argv Corral starts. */
    static List<String> argv(LaunchSpec spec, Path logFile) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", PAUSE, "corral-launch", "setsid", "unshare"));
        argv.addAll(unshareOptions(spec));
        if (spec.forks()) {
            // The forked child is PID 1 of the new namespace and must lead its own session
            // (CRIU refuses a tree whose session leader is outside its pid namespace). It is
            // not a process group leader, so setsid calls setsid() in place, without forking.
            argv.add("setsid");
        }
        argv.addAll(List.of("sh", "-c", START, "corral-init", logFile.toString(),
                waitsForMaps(spec) ? "wait" : "go", spec.creates(NamespaceType.PID) ? "init" : "exec"));
        argv.addAll(spec.command());
        return argv;
    }

    static boolean waitsForMaps(LaunchSpec spec) {
        return spec.creates(NamespaceType.USER) && spec.userMapping() instanceof UserMapping.Explicit e
                && !(e.uids().isEmpty() && e.gids().isEmpty());
    }

    /**
     * The equivalent command line for people, e.g.
     * {@code unshare --pid --fork --mount --mount-proc setsid sleep 100}. It leaves out the
     * pause, the group placement and the log redirection, which unshare alone cannot express.
     */
    public static String displayLine(LaunchSpec spec) {
        List<String> words = new ArrayList<>();
        words.add("unshare");
        words.addAll(unshareOptions(spec));
        if (spec.forks()) {
            words.add("setsid");
        }
        words.addAll(spec.command());
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    /** POSIX shell quoting, for display only. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
