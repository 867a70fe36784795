package io.corral.app.cli;

import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelErrors;
import io.corral.model.kernel.KernelException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A subcommand on the host the root command names (this machine or a fixture): bad input or
 * a kernel error is one line on stderr and exit status {@link ResultPrinter#REFUSED}.
 */
abstract class HostSubcommand implements Callable<Integer> {
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
            err.println("corral: " + ResultPrinter.oneLine(e.getMessage()));
            return ResultPrinter.REFUSED;
        } catch (KernelException e) {
            err.println("corral: " + ResultPrinter.oneLine(KernelErrors.explain(e)));
            return ResultPrinter.REFUSED;
        }
    }

    abstract int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException;
}
