package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

@CommandLine.Command(name = "freeze", description = "Freeze a group (v1 freezer.state, v2 cgroup.freeze) and wait "
        + "until the kernel reports it frozen; on timeout it is thawed again.")
final class FreezeCommand extends WriteSubcommand implements ChangesThroughHelper {
    @CommandLine.Parameters(index = "0", paramLabel = "GROUP")
    String group;

    static boolean canFreeze(Hierarchy h) {
        return h.isV2() || h.has("freezer");
    }

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        GroupSpec spec = group(group);
        if (spec.path().isRoot()) {
            throw new InvalidInputException(group, "the root group of a hierarchy cannot be frozen");
        }
        List<GroupRef> targets = host.targets().existing(spec, FreezeCommand::canFreeze,
                "can freeze (the v1 freezer or cgroup2)");
        List<Command> freezes = targets.stream().map(g -> (Command) new Command.Freeze(g)).toList();
        return run(host, together(describeAll("freeze", targets), freezes), out, err);
    }
}
