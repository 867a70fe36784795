package io.corral.views.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FX-thread time spent showing frames, for the GUI benchmark: the whole hand-over of each
 * frame and the parts the views time themselves ("tree", "tasks", "charts"). Work that runs
 * between pulses delays the next pulse, so the benchmark takes what piled up since the
 * last pulse and counts it in that pulse. FX thread only; two {@code nanoTime} calls per
 * part per frame.
 */
public final class FxWork {
    private final Map<String, long[]> parts = new LinkedHashMap<>();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private long pending;
    private long pendingCpu;
    private long total;

    /** Runs {@code work} now and adds its time to {@code part}. */
    public void time(String part, Runnable work) {
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            parts.computeIfAbsent(part, p -> new long[1])[0] += System.nanoTime() - t0;
        }
    }

    /** Runs a piece of hand-over (a frame's publication, or a continuation of it) and adds its time. */
    void handOver(Runnable work) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            long nanos = System.nanoTime() - t0;
            pending += nanos;
            total += nanos;
            pendingCpu += THREADS.getCurrentThreadCpuTime() - cpu0;
        }
    }

    /** The FX thread's CPU time of the hand-over since the last call (whatever the load), and starts again from zero. */
    public long takePendingCpu() {
        long p = pendingCpu;
        pendingCpu = 0;
        return p;
    }

    /** Hand-over time since the last call, and starts again from zero. */
    public long takePending() {
        long p = pending;
        pending = 0;
        return p;
    }

    /** Hand-over time since the start. */
    public long total() {
        return total;
    }

    /** Time per timed part since the start, in the order the parts first ran. */
    public Map<String, Long> parts() {
        Map<String, Long> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
