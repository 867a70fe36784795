package io.corral.app.cli;

import io.corral.model.checkpoint.CheckpointService;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Options shared by the checkpoint commands. Without {@code --catalog} the catalog is
 * {@code $CORRAL_CHECKPOINT_DIR}, else {@code $XDG_DATA_HOME/corral/checkpoints}; CRIU is
 * {@code $CORRAL_CRIU}, else {@code /opt/corral-criu/bin/criu}, else {@code criu} on PATH.
 */
final class CatalogOption {
    @Option(names = "--catalog", paramLabel = "DIR", description = "checkpoint catalog directory")
    Path catalog;

    CheckpointService service() {
        CheckpointService.Config c = CheckpointService.Config.fromEnvironment(System.getenv());
        if (catalog != null) {
            c = c.withCatalogRoot(catalog);
        }
        return CheckpointService.live(c);
    }
}
