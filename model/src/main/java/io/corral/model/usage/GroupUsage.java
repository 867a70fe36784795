package io.corral.model.usage;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Usage counters of one group in one hierarchy. Every part is optional: absent means the
 * file is not there (controller not bound or not enabled), never zero.
 */
public record GroupUsage(Optional<CpuUsage> cpu, Optional<MemoryUsage> memory, Optional<IoUsage> io,
                         OptionalLong pidsCurrent, Optional<Pressure> cpuPressure, Optional<Pressure> memoryPressure,
                         Optional<Pressure> ioPressure) {
    public static final GroupUsage NONE = new GroupUsage(Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public GroupUsage {
        Objects.requireNonNull(cpu);
        Objects.requireNonNull(memory);
        Objects.requireNonNull(io);
        Objects.requireNonNull(pidsCurrent);
        Objects.requireNonNull(cpuPressure);
        Objects.requireNonNull(memoryPressure);
        Objects.requireNonNull(ioPressure);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
