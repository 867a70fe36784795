package io.corral.model.usage;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Memory of a group. v2: {@code memory.current}, {@code memory.peak},
 * {@code memory.swap.current}, {@code memory.events}. v1: {@code memory.usage_in_bytes},
 * {@code memory.max_usage_in_bytes}, {@code memory.failcnt}.
 *
 * @param events {@code memory.events} counters (low, high, max, oom, oom_kill...); empty on v1
 */
public record MemoryUsage(OptionalLong currentBytes, OptionalLong peakBytes, OptionalLong failcnt,
                          OptionalLong swapBytes, Map<String, Long> events) {
    public MemoryUsage {
        events = Map.copyOf(events);
    }

    public static final MemoryUsage NONE = new MemoryUsage(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), Map.of());

    public boolean isEmpty() {
        return equals(NONE);
    }
}
