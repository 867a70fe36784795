package io.corral.views.charts;

/**
 * Kernel events a chart marks on its time axis. Each is an increment of a counter between
 * two samples, so a marker means "at least one happened during this second".
 */
public enum ChartEvent {
    /** {@code cpu.stat nr_throttled} grew: the group ran out of its CFS quota in a period. */
    CPU_THROTTLED("throttled", "cpu.stat nr_throttled: the group used its whole quota and waited"),
    /** {@code memory.events high} grew: the group went over memory.high and was reclaimed. */
    MEMORY_HIGH("high", "memory.events high: usage went over memory.high and was throttled by reclaim"),
    /** {@code memory.events max} grew (v2), or v1 {@code memory.failcnt}: a charge hit the limit. */
    MEMORY_MAX("max", "memory.events max / memory.failcnt: an allocation hit the memory limit"),
    /** {@code memory.events oom} or {@code oom_kill} grew: the OOM killer ran for this group. */
    MEMORY_OOM("oom", "memory.events oom: the group ran out of memory and the OOM killer ran");

    private final String label;
    private final String explanation;

    ChartEvent(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }
}
