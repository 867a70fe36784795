package io.corral.app.cli;

import io.corral.model.checkpoint.CheckpointException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The {@code corral} command line (DESIGN.md §5). Text output for people by default,
 * JSON with {@code --json}; exit 0 on success, non-zero with one line on stderr.
 */
@Command(name = "corral", mixinStandardHelpOptions = true, version = "corral 0.1.0",
        // Every subcommand gets -h/--help and -V/--version (without it "corral tree --help"
        // was read as a group path).
        scope = CommandLine.ScopeType.INHERIT,
        description = "Console and CLI for Linux control groups, namespaces and checkpoint/restore.",
        subcommands = {
                MkdirCommand.class, RmdirCommand.class, MoveCommand.class, SetCommand.class,
                FreezeCommand.class, ThawCommand.class, ExportCommand.class, ApplyCommand.class,
                TreeCommand.class, GetCommand.class, NsCommand.class, LaunchCommand.class,
                CheckpointCommand.class, RestoreCommand.class, CheckpointsCommand.class, CheckpointRmCommand.class,
                CheckpointExportCommand.class, CheckpointImportCommand.class, CheckpointRecoverCommand.class,
                CriuCheckCommand.class,
                PrivilegesCommand.class, HelperCommand.class,
                TopCommand.class, io.corral.app.bench.BenchCommand.class,
        })
public final class CorralCli implements Runnable {
    private CliHost host;

    @picocli.CommandLine.Option(names = "--admin", paramLabel = "sudo|pkexec", description = "Run the change through "
            + "the privileged helper, started with sudo or pkexec (administrative access); see corral privileges.")
    String admin;

    static final String ADMIN_COMMANDS = "mkdir, rmdir, move, set, freeze, thaw, apply, launch";

    /** The host the subcommands work on (this machine unless a test injected one). */
    CliHost host() {
        if (host == null) {
            host = CliHost.live();
        }
        return host;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing subcommand (see corral --help)");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** Runs against the given host (fixture tree, temporary journal); {@code null} = this machine. */
    public static int run(String[] args, PrintStream out, PrintStream err, CliHost host) {
        CorralCli root = new CorralCli();
        root.host = host;
        CommandLine cl = new CommandLine(root);
        // "-1" as a PID or limit is input to refuse with a specific reason, not an unknown option.
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((ex, args1) -> {
            ex.getCommandLine().getErr().println("corral: " + ResultPrinter.oneLine(ex.getMessage())
                    + " (see corral " + ex.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed); // --help/--version at any level, as RunLast does
            if (help != null) {
                return help;
            }
            CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
            if (root.admin != null && last.getCommand() != root && !(last.getCommand() instanceof ChangesThroughHelper)) {
                last.getErr().println("corral: --admin " + root.admin + " is for commands that change the host through"
                        + " the privileged helper (" + ADMIN_COMMANDS + "); corral " + last.getCommandName()
                        + " does not use it: run it without --admin");
                return 2;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            failed(commandLine.getErr(), ex);
            return 1;
        });
        return cl.execute(args);
    }

    /** The one line a failed command ends with; a CRIU failure shows CRIU's first error with its context before it. */
    static void failed(PrintWriter err, Exception ex) {
        if (ex instanceof CheckpointException ce) {
            ce.logExcerpt().ifPresent(err::print);
        }
        err.println("corral: " + ResultPrinter.oneLine(String.valueOf(ex.getMessage())));
    }
}
