package io.corral.app;

import io.corral.app.cli.CorralCli;

/**
 * Entry point for {@code ./corral}: no arguments opens the console, anything else is a CLI
 * subcommand. It does not extend {@code Application}, so plain classpath runs work.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            ConsoleLauncher.launch(args);
            return;
        }
        System.exit(CorralCli.run(args, System.out, System.err));
    }
}
