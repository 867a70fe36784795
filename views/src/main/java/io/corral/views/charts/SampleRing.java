package io.corral.views.charts;

import java.util.Arrays;

/**
 * A fixed-size ring of rows, each a time (seconds) and {@code columns} values, in primitive
 * arrays: appending never allocates, and the oldest row is overwritten once full. Absent
 * values are stored as {@code NaN} (absent is not zero: a chart breaks its line there).
 *
 * <p>Not thread-safe: the console appends and draws on the FX thread only.
 */
public final class SampleRing {
    private final double[] times;
    private final double[][] values;
    private int next;
    private int size;

    public SampleRing(int capacity, int columns) {
        if (capacity < 1 || columns < 1) {
            throw new IllegalArgumentException("capacity and columns must be positive");
        }
        times = new double[capacity];
        values = new double[columns][capacity];
        for (double[] column : values) {
            Arrays.fill(column, Double.NaN);
        }
    }

    /** Starts a new row at {@code time}; its values are NaN until {@link #set} fills them. */
    public void append(double time) {
        times[next] = time;
        for (double[] column : values) {
            column[next] = Double.NaN;
        }
        next = (next + 1) % times.length;
        if (size < times.length) {
            size++;
        }
    }

    /** Appends a row with one value per column (for single-column rings: no varargs array). */
    public void add(double time, double value) {
        append(time);
        setLast(0, value);
    }

    /** Sets a value of the newest row. */
    public void setLast(int column, double value) {
        if (size == 0) {
            throw new IllegalStateException("no row to set: append first");
        }
        values[column][(next - 1 + times.length) % times.length] = value;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return times.length;
    }

    public int columns() {
        return values.length;
    }

    /** The time of row {@code i}, 0 being the oldest row still held. */
    public double time(int i) {
        return times[physical(i)];
    }

    public double value(int column, int i) {
        return values[column][physical(i)];
    }

    /** The newest row's time, NaN when empty. */
    public double lastTime() {
        return size == 0 ? Double.NaN : time(size - 1);
    }

    /** The newest value of a column, NaN when empty. */
    public double last(int column) {
        return size == 0 ? Double.NaN : value(column, size - 1);
    }

    /** The index of the first row whose time is at or after {@code t} (size() if none). */
    public int firstAtOrAfter(double t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The largest value of a column among rows with time at or after {@code from}; NaN if none. */
    public double max(int column, double from) {
        double max = Double.NaN;
        for (int i = firstAtOrAfter(from); i < size; i++) {
            double v = value(column, i);
            if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
                max = v;
            }
        }
        return max;
    }

    public void clear() {
        next = 0;
        size = 0;
    }

    private int physical(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        int oldest = size < times.length ? 0 : next;
        return (oldest + i) % times.length;
    }
}
