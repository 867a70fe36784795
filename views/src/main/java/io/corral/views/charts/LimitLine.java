package io.corral.views.charts;

/**
 * A horizontal line at a limit ({@code memory.max}, the CPU quota, {@code pids.max}).
 * An unlimited knob has no line at all, never a line at some huge number.
 *
 * @param key     identity of the line within its chart ("max", "high")
 * @param label   what the label says before the value ("max", "quota")
 * @param value   the limit in the chart's unit
 * @param primary drawn in the limit colour; secondary lines (e.g. memory.high) in the softer one
 */
public record LimitLine(String key, String label, double value, boolean primary) {
}
