package io.corral.views.limits;

import io.corral.model.limit.ByteSize;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;

/** Names and explanations of knobs for people (labels and tooltips). */
final class KnobTexts {
    private KnobTexts() {
    }

    static String label(Knob k) {
        return switch (k) {
            case CPU_QUOTA -> "Quota";
            case CPU_WEIGHT -> "Weight";
            case MEMORY_MAX -> "Max";
            case MEMORY_HIGH -> "High";
            case MEMORY_LOW -> "Low";
            case MEMORY_MIN -> "Min";
            case MEMORY_SWAP -> "Swap";
            case PIDS_MAX -> "Max";
            case IO_RBPS -> "Read B/s";
            case IO_WBPS -> "Write B/s";
            case IO_RIOPS -> "Read IOPS";
            case IO_WIOPS -> "Write IOPS";
            case CPUSET_CPUS -> "CPUs";
            case CPUSET_MEMS -> "NUMA nodes";
        };
    }

    static String explain(Knob k) {
        return switch (k) {
            case CPU_QUOTA -> "CPU bandwidth limit in cores: the group may run quota µs per period µs "
                    + "(cpu.max / cpu.cfs_quota_us + cpu.cfs_period_us). 1.5 = one and a half CPUs.";
            case CPU_WEIGHT -> "Relative share of CPU time when CPUs are contended (1..10000, default 100; "
                    + "v1 cpu.shares is converted).";
            case MEMORY_MAX -> "Hard memory limit: above it the kernel reclaims, then the OOM killer runs.";
            case MEMORY_HIGH -> "Soft limit: above it the group is throttled and reclaimed hard, but not killed.";
            case MEMORY_LOW -> "Best-effort protection: memory below this is reclaimed only if nothing else can be.";
            case MEMORY_MIN -> "Hard protection: memory below this is never reclaimed.";
            case MEMORY_SWAP -> "Swap the group may use on top of its memory (v1: memsw minus memory).";
            case PIDS_MAX -> "Most processes and threads the group may have; fork fails with EAGAIN above it.";
            case IO_RBPS -> "Read bytes per second allowed on a whole block device.";
            case IO_WBPS -> "Write bytes per second allowed on a whole block device.";
            case IO_RIOPS -> "Read operations per second allowed on a whole block device.";
            case IO_WIOPS -> "Write operations per second allowed on a whole block device.";
            case CPUSET_CPUS -> "The CPUs the group's tasks may run on.";
            case CPUSET_MEMS -> "The NUMA memory nodes the group's tasks may allocate from.";
        };
    }

    /** A value for people: {@code 1.5G}, {@code 2 cores}, {@code unlimited}. */
    static String format(Knob k, LimitValue v) {
        if (v instanceof LimitValue.Unlimited) {
            return "unlimited";
        }
        if (v instanceof LimitValue.Bytes b) {
            return ByteSize.human(b.bytes());
        }
        if (v instanceof LimitValue.CpuQuota q) {
            return q.cores().toPlainString() + (q.cores().compareTo(java.math.BigDecimal.ONE) == 0 ? " core" : " cores");
        }
        return v.toString();
    }
}
