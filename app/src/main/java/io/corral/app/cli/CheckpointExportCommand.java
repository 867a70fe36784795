package io.corral.app.cli;

import io.corral.model.checkpoint.CheckpointArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code corral checkpoint-export ID FILE.tar}. */
@Command(name = "checkpoint-export", description = "Write one checkpoint to a tar archive.")
final class CheckpointExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Parameters(index = "0", paramLabel = "ID")
    String id;
    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        new CheckpointArchive(catalog.service().catalog()).export(id, file);
        spec.commandLine().getOut().println("exported " + id + " to " + file);
        return 0;
    }
}
