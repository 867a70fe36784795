package io.corral.views.state;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's one observable state, on the FX thread. The sampler thread calls
 * {@link #offer}: the newest frame replaces any frame not yet shown, and at most ONE
 * {@code Platform.runLater} is pending at any time (latest wins), so a slow FX thread never
 * builds a queue of stale snapshots. Views observe {@link #frameProperty()} and the
 * {@link #selection()}; they never read the kernel.
 */
public final class ConsoleState {
    private final Executor fxThread;
    private final AtomicReference<ConsoleFrame> newest = new AtomicReference<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile long lastPublishNanos;
    private final FxWork work = new FxWork();
    private final ReadOnlyObjectWrapper<ConsoleFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ConsoleSelection selection = new ConsoleSelection(this);
    private final ReadOnlyObjectWrapper<io.corral.model.namespace.NamespaceSnapshot> namespaces =
            new ReadOnlyObjectWrapper<>(this, "namespaces");

    public ConsoleState() {
        this(Platform::runLater);
    }

    /** @param fxThread runs a task on the FX thread ({@code Platform::runLater}; tests may pass their own) */
    public ConsoleState(Executor fxThread) {
        this.fxThread = Objects.requireNonNull(fxThread);
    }

    /** Any thread: hands over the newest frame. Never blocks. */
    public void offer(ConsoleFrame next) {
        Objects.requireNonNull(next);
        offered.incrementAndGet();
        newest.set(next);
        if (drainPending.compareAndSet(false, true)) {
            fxThread.execute(this::publish);
        }
    }

    private void publish() {
        // Clear the flag before taking the frame: an offer that races with us schedules
        // another drain rather than being lost.
        drainPending.set(false);
        ConsoleFrame f = newest.getAndSet(null);
        if (f != null) {
            long t0 = System.nanoTime();
            work.handOver(() -> frame.set(f));
            lastPublishNanos = System.nanoTime() - t0;
            published.incrementAndGet();
        }
    }

    public ReadOnlyObjectProperty<ConsoleFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** The frame on screen; empty before the first snapshot arrived. */
    public Optional<ConsoleFrame> frame() {
        return Optional.ofNullable(frame.get());
    }

    /**
     * FX thread: the newest namespace snapshot (read at a lower rate than the frames, by the
     * console's one namespace reader), shared by the task table, the tree and the
     * Namespaces panel.
     */
    public void setNamespaces(io.corral.model.namespace.NamespaceSnapshot snapshot) {
        namespaces.set(Objects.requireNonNull(snapshot));
    }

    public ReadOnlyObjectProperty<io.corral.model.namespace.NamespaceSnapshot> namespacesProperty() {
        return namespaces.getReadOnlyProperty();
    }

    /** The newest namespace snapshot; empty before the first read (or without a reader). */
    public Optional<io.corral.model.namespace.NamespaceSnapshot> namespaces() {
        return Optional.ofNullable(namespaces.get());
    }

    public ConsoleSelection selection() {
        return selection;
    }

    /** Frames handed over by the sampler (for the status bar and tests). */
    public long offeredCount() {
        return offered.get();
    }

    /**
     * FX-thread time of the newest frame's hand-over: setting it and every view's listener
     * (the tree, the task table, the charts...). For the GUI benchmark: this runs between
     * pulses, so it delays the next one.
     */
    public long lastPublishNanos() {
        return lastPublishNanos;
    }

    /** FX-thread time of the hand-overs, whole and by the parts the views time (FX thread only). */
    public FxWork work() {
        return work;
    }

    /** Frames actually shown; fewer than offered when the FX thread was busy (latest wins). */
    public long publishedCount() {
        return published.get();
    }
}
