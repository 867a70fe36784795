package io.corral.views.charts;

import java.util.Objects;

/**
 * One line of a chart: a column of a {@link SampleRing}. Several series may share a ring
 * (one ring per group, one column per metric), so appending a tick writes one time.
 */
public record ChartSeries(String name, SampleRing ring, int column) {
    public ChartSeries {
        Objects.requireNonNull(name);
        Objects.requireNonNull(ring);
        if (column < 0 || column >= ring.columns()) {
            throw new IllegalArgumentException("column " + column + " outside ring of " + ring.columns());
        }
    }
}
