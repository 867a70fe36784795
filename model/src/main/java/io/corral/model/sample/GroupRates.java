package io.corral.model.sample;

import java.util.OptionalDouble;

/**
 * Rates of one group between two snapshots. Absent where either snapshot lacks the
 * counter, the group was recreated in between, or the counter went backwards.
 *
 * @param cpuPercentOfCore    100 = one CPU busy all the time
 * @param cpuPercentOfMachine 100 = every CPU busy all the time
 */
public record GroupRates(OptionalDouble cpuPercentOfCore, OptionalDouble cpuPercentOfMachine,
                         OptionalDouble readBytesPerSecond, OptionalDouble writeBytesPerSecond,
                         OptionalDouble readOpsPerSecond, OptionalDouble writeOpsPerSecond) {
}
