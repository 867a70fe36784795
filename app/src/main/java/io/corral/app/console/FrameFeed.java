package io.corral.app.console;

import io.corral.views.state.ConsoleFrame;
import io.corral.views.state.ConsoleState;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sampler thread: reads a frame every interval (and at once after each command) and
 * hands it to the {@link ConsoleState}, which shows the newest. One daemon thread; reads
 * never overlap.
 */
public final class FrameFeed implements AutoCloseable {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "corral-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<ConsoleFrame> source;
    private final ConsoleState state;

    public FrameFeed(Supplier<ConsoleFrame> source, ConsoleState state) {
        this.source = source;
        this.state = state;
    }

    public void start(Duration interval) {
        thread.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An extra sample now (after a command: the next snapshot is the truth). */
    public void resampleNow() {
        thread.execute(this::tick);
    }

    private void tick() {
        try {
            state.offer(source.get());
        } catch (RuntimeException e) {
            System.err.println("corral: sampling failed: " + e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
