package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import io.corral.model.limit.Setting;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@CommandLine.Command(name = "set", description = "Set limits, e.g. cpu.quota=0.5 memory.max=256M pids.max=64. "
        + "Each knob goes to the hierarchy that has its controller; all or nothing.")
final class SetCommand extends WriteSubcommand implements ChangesThroughHelper {
    @CommandLine.Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @CommandLine.Parameters(index = "1..*", arity = "1..*", paramLabel = "KNOB=VALUE")
    List<String> settings = new ArrayList<>();

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        List<Setting> parsed = new ArrayList<>();
        for (String s : settings) {
            parsed.add(Setting.parse(s));
        }
        GroupSpec spec = group(group);
        List<GroupRef> groups = host.targets().existing(spec);
        Map<GroupRef, List<Setting>> byGroup = new LinkedHashMap<>();
        for (Setting s : parsed) {
            List<GroupRef> where = groups.stream().filter(g -> s.knob().appliesTo(g.hierarchy())).toList();
            if (where.isEmpty()) {
                throw new InvalidInputException(s.toString(), "no hierarchy that has " + spec.path()
                        + " provides " + s.knob() + " (it needs the "
                        + s.knob().controller(groups.get(0).hierarchy().version()).orElse("?") + " controller)");
            }
            where.forEach(g -> byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(s));
        }
        List<Command> sets = new ArrayList<>();
        byGroup.forEach((g, list) -> sets.add(new Command.SetLimits(g, list)));
        return run(host, together("set " + String.join(" ", settings) + " on " + spec, sets), out, err);
    }
}
