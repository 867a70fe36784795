package io.corral.views.limits;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What the group uses now, drawn against its limits (limit bars). */
public record LimitUsage(OptionalDouble cpuCores, OptionalLong memoryCurrent, OptionalLong swapCurrent,
                         OptionalLong pidsCurrent) {
    public static final LimitUsage NONE = new LimitUsage(OptionalDouble.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty());
}
