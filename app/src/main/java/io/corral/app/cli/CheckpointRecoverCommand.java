package io.corral.app.cli;

import io.corral.model.checkpoint.CheckpointService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code corral checkpoint-recover [--thaw]}: after a console or CLI was killed during a
 * checkpoint, removes its half-written catalog entry and lists (or thaws) the group it left
 * frozen or stopped.
 */
@Command(name = "checkpoint-recover", description = {"Clean up after an interrupted checkpoint: remove its staging",
        "directory and list the groups it left frozen or stopped; --thaw thaws them and resumes their processes."})
final class CheckpointRecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Option(names = "--thaw", description = "thaw the groups and resume their stopped processes")
    boolean thaw;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CheckpointService service = catalog.service();
        List<CheckpointService.FrozenLeftover> left = service.recover();
        if (left.isEmpty()) {
            out.println("nothing to recover");
        }
        for (CheckpointService.FrozenLeftover f : left) {
            String what = (f.frozen() ? "frozen" : "thawed") + (f.stopped().isEmpty() ? "" : ", stopped " + f.stopped());
            if (thaw) {
                service.thaw(f);
                out.println("thawed " + f.freezerDir() + " (was " + what + ")");
            } else {
                out.println(f.freezerDir() + ": " + what + " (corral checkpoint-recover --thaw)");
            }
        }
        return 0;
    }
}
