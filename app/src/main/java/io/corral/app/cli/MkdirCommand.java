package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

@CommandLine.Command(name = "mkdir", description = "Create a group (/path: in every mounted hierarchy; "
        + "CONTROLLERS:/path: in those). v1 cpuset groups get cpus/mems from their parent.")
final class MkdirCommand extends WriteSubcommand implements ChangesThroughHelper {
    @CommandLine.Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        GroupSpec spec = group(group);
        List<GroupRef> targets = host.targets().toCreate(spec);
        List<Command> creates = targets.stream().map(g -> (Command) new Command.CreateGroup(g)).toList();
        return run(host, together(describeAll("create", targets), creates), out, err);
    }
}
