package io.corral.app.cli;

import io.corral.model.checkpoint.CheckpointArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code corral checkpoint-import FILE.tar}: checks every member and hash, prints the id. */
@Command(name = "checkpoint-import", description = {"Import a checkpoint archive (refuses links, devices, unsafe names",
        "and files that do not match the manifest's SHA-256). Prints the id."})
final class CheckpointImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(new CheckpointArchive(catalog.service().catalog()).importArchive(file));
        return 0;
    }
}
