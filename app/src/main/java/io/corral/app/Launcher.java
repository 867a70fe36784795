package io.corral.app;

import io.corral.app.cli.CorralCli;

import java.nio.file.Path;

/**
 * Entry point for {@code ./corral}: no arguments (or only {@code --as-root}) opens the
 * console, anything else is a CLI subcommand. It does not extend {@code Application}, so
 * plain classpath runs work. A console started as root through sudo or pkexec starts again
 * as the invoking user unless {@code --as-root} is given ({@link RootConsole}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        boolean asRoot = args.length == 1 && args[0].equals("--as-root");
        if (args.length == 0 || asRoot) {
            RootConsole.Decision d = RootConsole.decide(RootConsole.effectiveUid(), System.getenv(), asRoot,
                    Path.of("/etc/passwd"));
            if (d.kind() == RootConsole.Kind.REEXEC) {
                System.err.println("corral: " + d.reason());
                System.exit(RootConsole.reexec(d.user().orElseThrow()));
            }
            ConsoleLauncher.launch(new String[0]);
            return;
        }
        System.exit(CorralCli.run(args, System.out, System.err));
    }
}
