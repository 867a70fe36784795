package io.corral.views.namespaces;

import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;

import java.util.concurrent.CompletionStage;

/**
 * Where the map editor sends a map to write (the command engine, off the FX thread). The
 * stage completes when the kernel has answered; exceptionally with the refusal.
 */
@FunctionalInterface
public interface IdMapSubmitter {
    CompletionStage<Void> submit(long pid, IdMapKind kind, IdMap map);
}
