package io.corral.views.charts;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One group's numbers at one sampling tick, in the units the charts draw: what the main
 * window hands {@link GroupChartsView} per group per tick (built from the host snapshot and
 * its rates). Measured values are {@code NaN} when the kernel does not provide them (no
 * such controller, no PSI); limits are absent when unlimited; counters are cumulative
 * kernel counters (the history turns increments into markers).
 *
 * @param identity stable identity of the group (hierarchy, path and cgroup inode), so a
 *                 group recreated under the same path starts a new history
 * @param time     sampling time in seconds (any epoch, increasing)
 */
public record GroupTick(String identity, double time, Cpu cpu, Memory memory, Io io, Pids pids,
                        Pressure pressure) {
    public GroupTick {
        Objects.requireNonNull(identity);
        Objects.requireNonNull(cpu);
        Objects.requireNonNull(memory);
        Objects.requireNonNull(io);
        Objects.requireNonNull(pids);
        Objects.requireNonNull(pressure);
    }

    /**
     * @param percent      CPU use, 100 = one core busy
     * @param quotaPercent the CFS quota in the same unit (quota/period × 100), absent when unlimited
     * @param nrThrottled  {@code cpu.stat nr_throttled}
     */
    public record Cpu(double percent, OptionalDouble quotaPercent, OptionalLong nrThrottled) {
        public static final Cpu NONE = new Cpu(Double.NaN, OptionalDouble.empty(), OptionalLong.empty());
    }

    /**
     * @param current    bytes charged ({@code memory.current} / {@code memory.usage_in_bytes})
     * @param max        {@code memory.max} / {@code memory.limit_in_bytes}
     * @param high       {@code memory.high} (v2 only)
     * @param highEvents {@code memory.events high}
     * @param maxEvents  {@code memory.events max}, or v1 {@code memory.failcnt}
     * @param oomEvents  {@code memory.events oom}
     */
    public record Memory(double current, OptionalDouble max, OptionalDouble high, OptionalLong highEvents,
                         OptionalLong maxEvents, OptionalLong oomEvents) {
        public static final Memory NONE = new Memory(Double.NaN, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** Bytes per second read and written, summed over devices. */
    public record Io(double readBytesPerSecond, double writeBytesPerSecond) {
        public static final Io NONE = new Io(Double.NaN, Double.NaN);
    }

    /** {@code pids.current} and {@code pids.max} (absent when "max"). */
    public record Pids(double current, OptionalDouble max) {
        public static final Pids NONE = new Pids(Double.NaN, OptionalDouble.empty());
    }

    /** The avg10 values (percent) of {@code cpu.pressure}, {@code memory.pressure}, {@code io.pressure}. */
    public record Pressure(double cpuSome, double cpuFull, double memorySome, double memoryFull, double ioSome,
                           double ioFull) {
        public static final Pressure NONE = new Pressure(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);

        public boolean present() {
            return !(Double.isNaN(cpuSome) && Double.isNaN(cpuFull) && Double.isNaN(memorySome)
                    && Double.isNaN(memoryFull) && Double.isNaN(ioSome) && Double.isNaN(ioFull));
        }
    }
}
