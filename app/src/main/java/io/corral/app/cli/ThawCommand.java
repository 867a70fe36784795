package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

@CommandLine.Command(name = "thaw", description = "Thaw a frozen group (v1 freezer.state, v2 cgroup.freeze).")
final class ThawCommand extends WriteSubcommand implements ChangesThroughHelper {
    @CommandLine.Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        GroupSpec spec = group(group);
        List<GroupRef> targets = host.targets().existing(spec, FreezeCommand::canFreeze,
                "can freeze (the v1 freezer or cgroup2)");
        List<Command> thaws = targets.stream().map(g -> (Command) new Command.Thaw(g)).toList();
        return run(host, together(describeAll("thaw", targets), thaws), out, err);
    }
}
