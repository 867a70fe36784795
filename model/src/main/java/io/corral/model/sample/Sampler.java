package io.corral.model.sample;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads a {@link HostSnapshot} on one background daemon thread every {@code interval}
 * (default 1 s) and publishes it: into {@link #latest()} (latest wins) and to every
 * listener, on the sampler thread. Listeners that touch a UI must hop threads themselves.
 * {@link #sampleNow()} asks for an extra reading at once (after a command changed the host).
 */
public final class Sampler implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** What one reading did: a snapshot, or the reason there is none. */
    public interface Source {
        HostSnapshot read() throws Exception;

        /**
         * The same reading, handing over {@link HostSnapshot#partial() partial} snapshots on
         * the way (on the calling thread). The sampler asks for them until its first whole
         * snapshot, so a window shows the group tree long before a big host is read.
         */
        default HostSnapshot read(Consumer<HostSnapshot> partial) throws Exception {
            return read();
        }
    }

    private final Source source;
    private final Duration interval;
    private final ScheduledExecutorService thread;
    private final AtomicReference<HostSnapshot> latest = new AtomicReference<>();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private final List<Consumer<HostSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> schedule;

    public Sampler(Source source, Duration interval) {
        this.source = Objects.requireNonNull(source);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.interval = interval;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "corral-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    public Sampler(SnapshotReader reader) {
        this(source(reader), DEFAULT_INTERVAL);
    }

    /** A whole host reading with processes, phased when asked. */
    public static Source source(SnapshotReader reader) {
        return new Source() {
            @Override
            public HostSnapshot read() throws Exception {
                return reader.read();
            }

            @Override
            public HostSnapshot read(Consumer<HostSnapshot> partial) throws Exception {
                return reader.read(Optional.empty(), true, partial);
            }
        };
    }

    public Duration interval() {
        return interval;
    }

    public void addListener(Consumer<HostSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<HostSnapshot> listener) {
        listeners.remove(listener);
    }

    /** Starts sampling at once and then every interval (fixed delay: a slow read never piles up). */
    public synchronized void start() {
        if (schedule == null) {
            schedule = thread.scheduleWithFixedDelay(this::sampleOnce, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Queues one extra reading on the sampler thread. */
    public void sampleNow() {
        if (!thread.isShutdown()) {
            thread.execute(this::sampleOnce);
        }
    }

    /** The most recent snapshot, if any reading succeeded yet (partial ones only before the first whole one). */
    public Optional<HostSnapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Why the last reading failed, if it did (cleared by the next success). */
    public Optional<Exception> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    private void sampleOnce() {
        HostSnapshot s;
        try {
            HostSnapshot before = latest.get();
            s = before == null || before.partial() ? source.read(this::publishPartial) : source.read();
        } catch (Exception e) {
            lastFailure.set(e);
            return;
        }
        lastFailure.set(null);
        publish(s);
    }

    private void publishPartial(HostSnapshot s) {
        HostSnapshot before = latest.get();
        if (before == null || before.partial()) {
            publish(s);
        }
    }

    private void publish(HostSnapshot s) {
        latest.set(s);
        for (Consumer<HostSnapshot> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                // One broken listener must not stop sampling for the others.
                lastFailure.set(e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
