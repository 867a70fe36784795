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
    private long pending;
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

    /** Adds hand-over time (the whole of a frame's publication, or a continuation of it). */
    void add(long nanos) {
        pending += nanos;
        total += nanos;
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
