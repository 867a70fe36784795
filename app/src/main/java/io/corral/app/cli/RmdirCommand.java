package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

@CommandLine.Command(name = "rmdir", description = "Remove an empty group without children "
        + "(/path: from every hierarchy that has it).")
final class RmdirCommand extends WriteSubcommand implements ChangesThroughHelper {
    @CommandLine.Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        GroupSpec spec = group(group);
        if (spec.path().isRoot()) {
            throw new InvalidInputException(group, "the root group of a hierarchy cannot be removed");
        }
        List<GroupRef> targets = host.targets().existing(spec);
        List<Command> removes = targets.stream().map(g -> (Command) new Command.RemoveGroup(g)).toList();
        return run(host, together(describeAll("remove", targets), removes), out, err);
    }
}
