package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.input.InvalidInputException;
import io.corral.model.json.SnapshotJson;
import io.corral.model.kernel.KernelException;
import io.corral.model.sample.HostSnapshot;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Optional;

@CommandLine.Command(name = "tree", description = "Show hierarchies and their groups with processes, limits and "
        + "usage. GROUP (/path, cpu,memory:/path, unified:/path) shows only that subtree.")
final class TreeCommand extends ReadSubcommand {
    @CommandLine.Option(names = "--json", description = "JSON (shape: see README)")
    boolean json;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "GROUP")
    String group;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        Optional<GroupSpec> scope = Optional.empty();
        if (group != null) {
            GroupSpec spec = GroupSpec.parse(group);
            host.targets().existing(spec); // refuses a group no selected hierarchy has
            scope = Optional.of(spec);
        }
        HostSnapshot s = snapshots(host).read(scope, false);
        if (json) {
            out.print(SnapshotJson.text(SnapshotJson.snapshot(s, SnapshotJson.Options.TREE)));
        } else {
            out.print(TreeText.render(s));
        }
        out.flush();
        if (!json) {
            report(s.problems(), err);
        }
        return ResultPrinter.OK;
    }
}
