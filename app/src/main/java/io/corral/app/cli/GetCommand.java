package io.corral.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.json.SnapshotJson;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitReader;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@CommandLine.Command(name = "get", description = "Show a group's limits (all, or the given KNOBs such as "
        + "memory.max cpu.quota) in every hierarchy that has the group, with the file each comes from.")
final class GetCommand extends ReadSubcommand {
    @CommandLine.Option(names = "--json", description = "JSON: {\"group\", \"hierarchies\":[{\"id\",\"version\",\"path\",\"limits\"}]}")
    boolean json;

    @CommandLine.Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @CommandLine.Parameters(index = "1..*", arity = "0..*", paramLabel = "KNOB")
    List<String> knobs = new ArrayList<>();

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        Set<Knob> wanted = EnumSet.noneOf(Knob.class);
        for (String k : knobs) {
            wanted.add(Knob.parse(k));
        }
        GroupSpec spec = GroupSpec.parse(group);
        List<GroupRef> groups = host.targets().existing(spec);
        List<ReadProblem> problems = new ArrayList<>();
        LimitReader reader = new LimitReader(host.fs());
        Map<GroupRef, GroupLimits> found = new LinkedHashMap<>();
        Set<Knob> seen = EnumSet.noneOf(Knob.class);
        for (GroupRef g : groups) {
            GroupLimits all = reader.read(g.dir(host.fs()), g.hierarchy(), problems);
            List<Limit> kept = all.asMap().values().stream()
                    .filter(l -> wanted.isEmpty() || wanted.contains(l.knob())).toList();
            kept.forEach(l -> seen.add(l.knob()));
            if (!kept.isEmpty() || wanted.isEmpty()) {
                found.put(g, GroupLimits.of(kept));
            }
        }
        Set<Knob> missing = EnumSet.copyOf(wanted.isEmpty() ? EnumSet.noneOf(Knob.class) : wanted);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            report(problems, err);
            boolean v1Only = groups.stream().noneMatch(g -> g.hierarchy().isV2());
            List<Knob> v2Only = missing.stream().filter(k -> k.file(io.corral.model.cgroup.CgroupVersion.V1).isEmpty()).toList();
            if (v1Only && !v2Only.isEmpty()) {
                throw new InvalidInputException(v2Only.toString(), v2Only.stream().map(Knob::cliName)
                        .collect(Collectors.joining(", ")) + " exists on cgroup v2 only, and " + spec
                        + " is only in v1 hierarchies here");
            }
            throw new InvalidInputException(missing.toString(), spec + " has no "
                    + missing.stream().map(Knob::cliName).collect(Collectors.joining(", "))
                    + " in " + groups.stream().map(g -> g.hierarchy().isV2() ? "unified" : g.hierarchy().id())
                    .collect(Collectors.joining(", ")) + " (controller not bound or not enabled there)");
        }
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("group", spec.toString());
            ArrayNode hs = root.putArray("hierarchies");
            found.forEach((g, l) -> {
                ObjectNode h = hs.addObject();
                h.put("id", g.hierarchy().id());
                h.put("version", g.hierarchy().isV2() ? 2 : 1);
                h.put("path", g.path().toString());
                h.set("limits", SnapshotJson.limits(l));
            });
            out.print(SnapshotJson.text(root));
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"KNOB", "VALUE", "HIERARCHY", "FILE", "RAW"});
            found.forEach((g, l) -> l.asMap().values().forEach(x -> rows.add(new String[] {x.knob().cliName(),
                    TreeText.people(x.value()), g.hierarchy().isV2() ? "unified" : g.hierarchy().id(), x.file(),
                    x.raw().replace("\n", "; ")})));
            out.print(TreeText.table(rows, -1));
        }
        out.flush();
        report(problems, err);
        return ResultPrinter.OK;
    }
}
