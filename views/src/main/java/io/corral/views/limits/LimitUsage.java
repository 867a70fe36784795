package io.corral.views.limits;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the group uses now, drawn against its limits (limit bars), and how much its tasks
 * stall for CPU, memory and io (PSI), shown as pressure gauges: the cost of a tight limit.
 */
public record LimitUsage(OptionalDouble cpuCores, OptionalLong memoryCurrent, OptionalLong swapCurrent,
                         OptionalLong pidsCurrent, Optional<Stall> cpuPressure, Optional<Stall> memoryPressure,
                         Optional<Stall> ioPressure) {
    public static final LimitUsage NONE = new LimitUsage(OptionalDouble.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty());

    /** PSI avg10 in percent: some task stalled, and (NaN where the file has no such line) all stalled. */
    public record Stall(double some, double full) {
    }

    public LimitUsage(OptionalDouble cpuCores, OptionalLong memoryCurrent, OptionalLong swapCurrent,
                      OptionalLong pidsCurrent) {
        this(cpuCores, memoryCurrent, swapCurrent, pidsCurrent, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same usage with pressure read from the group's {@code *.pressure} files. */
    public LimitUsage withPressure(Optional<Stall> cpu, Optional<Stall> memory, Optional<Stall> io) {
        return new LimitUsage(cpuCores, memoryCurrent, swapCurrent, pidsCurrent, cpu, memory, io);
    }

    /** PSI from the model's parsed pressure file. */
    public static Optional<Stall> stall(Optional<io.corral.model.usage.Pressure> p) {
        return p.map(x -> new Stall(x.some().avg10(),
                x.full().map(io.corral.model.usage.Pressure.Line::avg10).orElse(Double.NaN)));
    }
}
