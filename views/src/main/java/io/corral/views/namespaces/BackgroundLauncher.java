package io.corral.views.namespaces;

import io.corral.model.launch.LaunchException;
import io.corral.model.launch.Launched;
import io.corral.model.launch.Launcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs what the Launch dialog returns with a {@link Launcher} on a background executor
 * (resolving the group and starting processes never happens on the FX thread).
 */
public final class BackgroundLauncher {
    private final Launcher launcher;
    private final Executor executor;

    public BackgroundLauncher(Launcher launcher, Executor executor) {
        this.launcher = launcher;
        this.executor = executor;
    }

    /** Completes with the launched process, or exceptionally with the reason nothing was run. */
    public CompletionStage<Launched> launch(LaunchRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return launcher.launchInto(request.group(), request.spec());
            } catch (LaunchException | io.corral.model.input.InvalidInputException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }
}
