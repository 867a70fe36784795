package io.corral.app.cli;

import io.corral.model.command.Command;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import io.corral.model.spec.HostSpec;
import io.corral.model.spec.SpecJson;
import io.corral.model.spec.SpecPlanner;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@CommandLine.Command(name = "apply", description = "Make the host match a spec written by corral export: create "
        + "missing groups, set limits that differ. --dry-run prints the plan only. All or nothing.")
final class ApplyCommand extends WriteSubcommand implements ChangesThroughHelper {
    /** A spec larger than this is not a spec. */
    static final long MAX_SPEC_BYTES = 16L << 20;

    @CommandLine.Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @CommandLine.Option(names = "--dry-run", description = "print the plan, change nothing")
    boolean dryRun;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        String json;
        try {
            if (Files.size(file) > MAX_SPEC_BYTES) {
                throw new InvalidInputException(file.toString(), file + " is larger than " + (MAX_SPEC_BYTES >> 20)
                        + " MiB: not a spec");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot read " + file + ": " + e.getMessage());
        }
        HostSpec spec = SpecJson.read(json);
        List<Command> plan = new SpecPlanner(host.fs()).plan(spec, host.hierarchies());
        if (plan.isEmpty()) {
            out.println("nothing to do: the host already matches " + file);
            return ResultPrinter.OK;
        }
        if (dryRun) {
            out.println("plan (" + plan.size() + " step" + (plan.size() == 1 ? "" : "s") + ", nothing changed):");
            plan.forEach(c -> out.println("  " + c.describe()));
            return ResultPrinter.OK;
        }
        return run(host, new Command.Sequence("apply " + file, plan, true), out, err);
    }
}
