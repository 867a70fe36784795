package io.corral.views.namespaces;

import io.corral.model.namespace.NamespaceSnapshot;
import javafx.application.Platform;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads namespace snapshots on its own thread at a low rate (a full read costs about as
 * much as {@code lsns}: 15 ms for 90 processes on an idle 2-core machine, several times
 * that under load) and hands the latest to the FX thread, with at most one
 * {@code Platform.runLater} pending: a slow FX thread skips snapshots, never queues them.
 */
public final class NamespaceRefresher implements AutoCloseable {
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    private final Callable<NamespaceSnapshot> reader;
    private final Consumer<NamespaceSnapshot> onFxThread;
    private final Consumer<Exception> onError;
    private final AtomicReference<NamespaceSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "corral-namespaces");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param reader     e.g. {@code NamespaceReader.live()::read}
     * @param onFxThread receives each snapshot on the FX thread (e.g. {@code model::setSnapshot})
     * @param onError    receives read failures on the reading thread
     */
    public NamespaceRefresher(Callable<NamespaceSnapshot> reader, Consumer<NamespaceSnapshot> onFxThread,
                              Consumer<Exception> onError) {
        this.reader = Objects.requireNonNull(reader);
        this.onFxThread = Objects.requireNonNull(onFxThread);
        this.onError = Objects.requireNonNull(onError);
    }

    public void start(Duration period) {
        thread.scheduleWithFixedDelay(this::readOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads now (after a map write or a launch), on the reading thread. */
    public void refreshNow() {
        thread.execute(this::readOnce);
    }

    void readOnce() {
        try {
            latest.set(reader.call());
        } catch (Exception e) {
            onError.accept(e);
            return;
        }
        if (pending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                pending.set(false);
                NamespaceSnapshot s = latest.get();
                if (s != null) {
                    onFxThread.accept(s);
                }
            });
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
