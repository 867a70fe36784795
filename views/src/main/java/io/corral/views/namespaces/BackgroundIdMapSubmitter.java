package io.corral.views.namespaces;

import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.IdMapRefusedException;
import io.corral.model.namespace.IdMapWriter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Writes maps with an {@link IdMapWriter} on a background executor (never the FX thread),
 * until map writes go through the command engine as {@code WriteIdMap} commands.
 */
public final class BackgroundIdMapSubmitter implements IdMapSubmitter {
    private final IdMapWriter writer;
    private final Executor executor;

    public BackgroundIdMapSubmitter(IdMapWriter writer, Executor executor) {
        this.writer = writer;
        this.executor = executor;
    }

    @Override
    public CompletionStage<Void> submit(long pid, IdMapKind kind, IdMap map) {
        return CompletableFuture.runAsync(() -> {
            try {
                writer.write(pid, kind, map);
            } catch (IdMapRefusedException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }
}
