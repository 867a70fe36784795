package io.corral.views.checkpoint;

import javafx.application.Platform;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs a blocking call of the checkpoint model on the worker executor and hands its result
 * (or what it threw) to the FX thread. Every {@code CheckpointService} call of these views goes
 * through here: a dump can take minutes and a self-test half a minute.
 */
final class OffFxThread {
    /** A blocking call. */
    interface Work<T> {
        T call() throws Exception;
    }

    private final Executor worker;
    private final Executor fx;

    OffFxThread(Executor worker) {
        this(worker, Platform::runLater);
    }

    OffFxThread(Executor worker, Executor fx) {
        this.worker = Objects.requireNonNull(worker);
        this.fx = Objects.requireNonNull(fx);
    }

    <T> void run(Work<T> work, Consumer<T> onResult, Consumer<Exception> onFailure) {
        worker.execute(() -> {
            try {
                T t = work.call();
                fx.execute(() -> onResult.accept(t));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                fx.execute(() -> onFailure.accept(e));
            } catch (Error e) {
                fx.execute(() -> onFailure.accept(new IllegalStateException(e)));
                throw e;
            }
        });
    }

    /** For progress callbacks from the worker. */
    void toFx(Runnable r) {
        fx.execute(r);
    }

    static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
