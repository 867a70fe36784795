package io.corral.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.checkpoint.CheckpointOptions;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.Checkpointer;
import io.corral.model.checkpoint.Manifest;
import io.corral.model.checkpoint.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code corral checkpoint GROUP}: dumps the group's process tree with CRIU into the catalog. */
@Command(name = "checkpoint", description = {"Checkpoint a group's process tree with CRIU into the catalog.",
        "Prints the new checkpoint id on the last line (with --json: one JSON object with the id)."})
final class CheckpointCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Parameters(paramLabel = "GROUP", description = "/path or CONTROLLERS:/path")
    String group;
    @Option(names = "--leave-running", description = "keep the workload running after the dump")
    boolean leaveRunning;
    @Option(names = "--tcp-established", description = "dump established TCP connections")
    boolean tcpEstablished;
    @Option(names = "--file-locks", description = "dump file locks")
    boolean fileLocks;
    @Option(names = "--label", description = "a name for the checkpoint")
    String label = "";
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GroupSpec g = GroupSpec.parse(group);
        CheckpointService service = catalog.service();
        for (CheckpointService.FrozenLeftover f : service.recover()) {
            err.println("corral: warning: an interrupted checkpoint left " + f.freezerDir()
                    + " frozen or stopped; run corral checkpoint-recover --thaw");
        }
        Checkpointer.Result r = service.checkpoint(g,
                new CheckpointOptions(leaveRunning, tcpEstablished, fileLocks, label), Progress.NONE);
        Manifest m = r.manifest();
        r.notes().forEach(n -> err.println("corral: note: " + n));
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", r.id());
            o.put("group", m.group());
            o.put("processes", m.tree().size());
            o.put("imageBytes", m.imageBytes());
            o.put("dumpMillis", m.durations().dumpMillis());
            o.put("totalMillis", m.durations().totalMillis());
            o.put("leftRunning", leaveRunning);
            o.put("entry", r.entry().toString());
            out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            out.printf("checkpointed %s: %d processes (root %d), %s in %d files, dump %d ms, total %d ms%s%n",
                    m.group(), m.tree().size(), m.rootPid(), Sizes.human(m.imageBytes()), m.files().size(),
                    m.durations().dumpMillis(), m.durations().totalMillis(), leaveRunning ? ", left running" : "");
            out.println(r.id());
        }
        return 0;
    }
}
