package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.DecimalPid;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

@CommandLine.Command(name = "move", description = "Move processes (or with --threads, threads) into a group, "
        + "one write per id. Ids that exited are reported; the others still move.")
final class MoveCommand extends WriteSubcommand implements ChangesThroughHelper {
    @CommandLine.Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @CommandLine.Parameters(index = "1..*", arity = "1..*", paramLabel = "PID")
    List<String> ids = new ArrayList<>();

    @CommandLine.Option(names = "--threads", description = "the ids are thread ids (cgroup.threads / tasks)")
    boolean threads;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        List<Integer> pids = new ArrayList<>();
        for (String text : ids) {
            pids.add(DecimalPid.parse(text));
        }
        GroupSpec spec = group(group);
        List<GroupRef> targets = host.targets().existing(spec);
        List<Command> moves = targets.stream().map(g -> (Command) new Command.MoveTasks(g, pids, threads)).toList();
        // Not all-or-nothing: an exited process is reported and the others still move.
        Command c = moves.size() == 1 ? moves.get(0)
                : new Command.Sequence(describeAll("move into", targets), moves, false);
        return run(host, c, out, err);
    }
}
