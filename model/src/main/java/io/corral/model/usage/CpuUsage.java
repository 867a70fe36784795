package io.corral.model.usage;

import java.util.OptionalLong;

/**
 * CPU time of a group, in microseconds. v2: {@code cpu.stat}. v1: {@code cpuacct.usage}
 * (ns), {@code cpuacct.stat} (ticks) in the cpuacct hierarchy, and the throttling counters of
 * {@code cpu.stat} in the cpu hierarchy, which on our hosts is a different hierarchy, so a
 * v1 group's CPU usage is split over two trees.
 */
public record CpuUsage(OptionalLong usageUsec, OptionalLong userUsec, OptionalLong systemUsec,
                       OptionalLong periods, OptionalLong throttledPeriods, OptionalLong throttledUsec) {

    public static final CpuUsage NONE = new CpuUsage(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    public boolean isEmpty() {
        return equals(NONE);
    }
}
