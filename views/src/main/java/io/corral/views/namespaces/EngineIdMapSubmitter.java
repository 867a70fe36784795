package io.corral.views.namespaces;

import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.IdMapRefusedException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Sends the map editor's writes to the command engine as {@link Command.WriteIdMap} (its
 * writer thread, journaled); a rejection completes the stage exceptionally with the
 * engine's reason. Maps are write-once, so there is no undo.
 */
public final class EngineIdMapSubmitter implements IdMapSubmitter {
    private final Function<Command, CompletableFuture<CommandResult>> engine;

    /** @param engine the command engine's submit */
    public EngineIdMapSubmitter(Function<Command, CompletableFuture<CommandResult>> engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> submit(long pid, IdMapKind kind, IdMap map) {
        return engine.apply(new Command.WriteIdMap(pid, kind, map)).thenAccept(r -> {
            if (r instanceof CommandResult.Rejected j) {
                throw new CompletionException(new IdMapRefusedException(kind, j.failure().errno(),
                        j.failure().message(), null));
            }
        });
    }
}
