package io.corral.app.cli;

import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelErrors;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.SnapshotReader;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Shared shape of the subcommands that only read the host: bad input or an unreadable
 * mount table is one line on stderr and exit 1; files that could not be read on the way
 * are listed on stderr after the output (the output is still printed).
 */
abstract class ReadSubcommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    CorralCli root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return execute(root.host(), spec.commandLine().getOut(), err);
        } catch (InvalidInputException e) {
            err.println("corral: " + e.getMessage());
            return ResultPrinter.REFUSED;
        } catch (KernelException e) {
            err.println("corral: " + KernelErrors.explain(e));
            return ResultPrinter.REFUSED;
        }
    }

    abstract int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException;

    static SnapshotReader snapshots(CliHost host) {
        return new SnapshotReader(host.fs(), new ProcFs(host.fs().hostRoot()));
    }

    static void report(List<ReadProblem> problems, PrintWriter err) {
        problems.forEach(p -> err.println("corral: could not read " + p));
        err.flush();
    }
}
