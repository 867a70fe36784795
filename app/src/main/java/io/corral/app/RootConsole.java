package io.corral.app;

import io.corral.model.privilege.Requester;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Never the GUI as root by default. A console started as root through sudo or pkexec
 * ({@code SUDO_UID} / {@code PKEXEC_UID} name the user who asked) starts itself again as
 * that user, who then changes what is not theirs through the privileged helper (File >
 * Administrative access); {@code --as-root} keeps it root. Root with nobody to return to (a
 * root login, CI) runs on, and the status bar says "running as root".
 */
final class RootConsole {
    /** The display variables the re-executed console keeps (everything else is reset to the user's). */
    static final List<String> KEPT = List.of("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR");

    enum Kind {
        /** Not root: nothing to decide. */
        RUN,
        /** Root, and staying root (the status bar says so). */
        RUN_AS_ROOT,
        /** Root on behalf of {@link Decision#user}: start again as that user. */
        REEXEC
    }

    /** What to do, for whom, and why (printed when it matters). */
    record Decision(Kind kind, Optional<Requester> user, String reason) {
        Decision {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(user);
            Objects.requireNonNull(reason);
        }
    }

    private RootConsole() {
    }

    /**
     * @param euid      this process's effective uid
     * @param env       its environment
     * @param asRoot    {@code --as-root} was given
     * @param etcPasswd where user names, groups and homes come from
     */
    static Decision decide(int euid, Map<String, String> env, boolean asRoot, Path etcPasswd) {
        if (euid != 0) {
            return new Decision(Kind.RUN, Optional.empty(), "not root (uid " + euid + ")");
        }
        if (asRoot) {
            return new Decision(Kind.RUN_AS_ROOT, Optional.empty(), "--as-root: the console runs as root");
        }
        String asked = env.containsKey("PKEXEC_UID") ? "PKEXEC_UID" : env.containsKey("SUDO_UID") ? "SUDO_UID" : null;
        if (asked == null) {
            return new Decision(Kind.RUN_AS_ROOT, Optional.empty(), "root, and no invoking user to return to "
                    + "(neither SUDO_UID nor PKEXEC_UID is set)");
        }
        Optional<Requester> user = Requester.fromEnvironment(env, etcPasswd);
        if (user.isEmpty()) {
            return new Decision(Kind.RUN_AS_ROOT, Optional.empty(), asked + "=" + env.get(asked)
                    + " names no user in " + etcPasswd + "; staying root");
        }
        if (user.get().isRoot()) {
            return new Decision(Kind.RUN_AS_ROOT, user, "started by root through " + (asked.startsWith("PKEXEC")
                    ? "pkexec" : "sudo"));
        }
        return new Decision(Kind.REEXEC, user, "started as root through " + (asked.startsWith("PKEXEC") ? "pkexec"
                : "sudo") + " by " + user.get().name() + " (uid " + user.get().uid() + "): the console runs as "
                + user.get().name() + "; use File > Administrative access for changes that need root, or start it "
                + "with --as-root");
    }

    /**
     * {@code setpriv --reuid U --regid G --init-groups --reset-env env KEPT... JAVA JVMOPTS -cp CP
     * io.corral.app.Launcher}: the user's own ids, groups and login environment (HOME, USER,
     * PATH), plus the display variables.
     */
    static List<String> command(Requester user, Map<String, String> env, String java, List<String> jvmOptions,
                                String classpath) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(),
                "--init-groups", "--reset-env", "env"));
        for (String k : KEPT) {
            if (env.containsKey(k)) {
                cmd.add(k + "=" + env.get(k));
            }
        }
        cmd.add(java);
        jvmOptions.stream().filter(o -> !o.startsWith("-agentlib") && !o.startsWith("-javaagent")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", classpath, Launcher.class.getName()));
        return cmd;
    }

    /** Starts the console again as {@code user} and returns its exit status (this JVM only waits for it). */
    static int reexec(Requester user) throws IOException, InterruptedException {
        String jvm = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> opts = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        Process p = new ProcessBuilder(command(user, System.getenv(), jvm, opts, System.getProperty("java.class.path")))
                .inheritIO().start();
        return p.waitFor();
    }

    /** This process's effective uid, from /proc/self/status (-1 if unreadable). */
    static int effectiveUid() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted
        }
        return -1;
    }
}
