package io.corral.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code corral checkpoint-rm ID}: moves the entry to the catalog's trash, then removes it. */
@Command(name = "checkpoint-rm", description = "Delete a checkpoint from the catalog.")
final class CheckpointRmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
        catalog.service().catalog().delete(id);
        spec.commandLine().getOut().println("deleted " + id);
        return 0;
    }
}
