package io.corral.views.limits;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What the group uses now, drawn against its limits (limit bars). */
public record GroupUsage(OptionalDouble cpuCores, OptionalLong memoryCurrent, OptionalLong swapCurrent,
                         OptionalLong pidsCurrent) {
    public static final GroupUsage NONE = new GroupUsage(OptionalDouble.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty());
}
