package io.corral.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The {@code corral} command line (DESIGN.md §5). Text output for people by default,
 * JSON with {@code --json}; exit 0 on success, non-zero with one line on stderr.
 */
@Command(name = "corral", mixinStandardHelpOptions = true, version = "corral 0.1.0",
        description = "Console and CLI for Linux control groups, namespaces and checkpoint/restore.",
        subcommands = {
                CheckpointCommand.class, RestoreCommand.class, CheckpointsCommand.class, CheckpointRmCommand.class,
                CheckpointExportCommand.class, CheckpointImportCommand.class, CheckpointRecoverCommand.class,
                CriuCheckCommand.class,
        })
public final class CorralCli implements Runnable {

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing subcommand (see corral --help)");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new CorralCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("corral: " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }
}
