package io.corral.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.checkpoint.GroupPlace;
import io.corral.model.checkpoint.Progress;
import io.corral.model.checkpoint.Restorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code corral restore ID [--into GROUP]}. */
@Command(name = "restore", description = {"Restore a checkpoint into its original group (recreated with its limits if gone)",
        "or, with --into, into another group in every hierarchy the checkpoint was in."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Parameters(paramLabel = "ID", description = "checkpoint id (see corral checkpoints)")
    String id;
    @Option(names = "--into", paramLabel = "GROUP", description = "restore into this group path instead")
    String into;
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<GroupPath> target = into == null ? Optional.empty() : Optional.of(GroupSpec.parse(into).path());
        Restorer.Result r = catalog.service().restore(id, target, Progress.NONE);
        r.notes().forEach(n -> err.println("corral: note: " + n));
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", r.id());
            o.put("rootPid", r.rootPid());
            o.put("pids", r.pids());
            o.put("groups", r.places().stream().map(GroupPlace::toString).toList());
            o.put("restoreMillis", r.restoreMillis());
            o.put("notes", r.notes());
            out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            long applied = r.limitWrites().stream().filter(w -> w.applied()).count();
            out.printf("restored %s: root PID %d, %d processes in %s, %d ms; %d of %d limit writes applied%n", r.id(),
                    r.rootPid(), r.pids().size(), String.join(" ", r.places().stream().map(GroupPlace::toString).toList()),
                    r.restoreMillis(), applied, r.limitWrites().size());
        }
        return 0;
    }
}
