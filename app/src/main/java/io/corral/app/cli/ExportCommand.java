package io.corral.app.cli;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.spec.SpecExporter;
import io.corral.model.spec.SpecJson;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

@CommandLine.Command(name = "export", description = "Print groups and their limits as a JSON spec "
        + "(corral apply reads it back). Without GROUP: every group of every hierarchy.")
final class ExportCommand extends WriteSubcommand {
    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "GROUP")
    String group;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        List<GroupRef> tops = new ArrayList<>();
        if (group == null) {
            for (Hierarchy h : host.hierarchies()) {
                tops.add(new GroupRef(h, GroupPath.ROOT));
            }
        } else {
            GroupSpec spec = group(group);
            tops.addAll(host.targets().existing(spec));
        }
        List<ReadProblem> problems = new ArrayList<>();
        out.print(SpecJson.write(new SpecExporter(host.fs()).export(tops, problems)));
        out.flush();
        problems.forEach(p -> err.println("corral: could not read " + p));
        return ResultPrinter.OK;
    }
}
