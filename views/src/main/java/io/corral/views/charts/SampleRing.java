package io.corral.views.charts;

import java.util.Arrays;

/**
 * A fixed-size ring of rows, each a time (seconds) and {@code columns} values, in primitive
 * arrays: appending never allocates once a column holds a value, and the oldest row is
 * overwritten once full. Absent values are stored as {@code NaN} (absent is not zero: a chart
 * breaks its line there).
 *
 * <p>A column's array is made when it first gets a value, the time array at the first row: on
 * a hybrid host most groups have only a few of a history's columns (a cpuacct group has no
 * memory, a v1 group no pressure) and most event rings stay empty, so the console's kept
 * histories hold what was seen (128 histories of 11 columns were 11 MB of NaN at 5000 groups).
 *
 * <p>Not thread-safe: the console appends and draws on the FX thread only.
 */
public final class SampleRing {
    private final int capacity;
    private double[] times;
    private final double[][] values;
    private int next;
    private int size;

    public SampleRing(int capacity, int columns) {
        if (capacity < 1 || columns < 1) {
            throw new IllegalArgumentException("capacity and columns must be positive");
        }
        this.capacity = capacity;
        values = new double[columns][];
    }

    /** Starts a new row at {@code time}; its values are NaN until {@link #setLast} fills them. */
    public void append(double time) {
        if (times == null) {
            times = new double[capacity];
        }
        times[next] = time;
        for (double[] column : values) {
            if (column != null) {
                column[next] = Double.NaN;
            }
        }
        next = (next + 1) % capacity;
        if (size < capacity) {
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
        double[] held = values[column];
        if (held == null) {
            if (Double.isNaN(value)) {
                return;
            }
            held = new double[capacity];
            Arrays.fill(held, Double.NaN);
            values[column] = held;
        }
        held[(next - 1 + capacity) % capacity] = value;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public int columns() {
        return values.length;
    }

    /** The time of row {@code i}, 0 being the oldest row still held. */
    public double time(int i) {
        return times[physical(i)];
    }

    public double value(int column, int i) {
        int at = physical(i);
        double[] held = values[column];
        return held == null ? Double.NaN : held[at];
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
        if (values[column] == null) {
            return max;
        }
        for (int i = firstAtOrAfter(from); i < size; i++) {
            double v = value(column, i);
            if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
                max = v;
            }
        }
        return max;
    }

    /** How many columns have held a value (and so an array); for tests and memory probes. */
    int heldColumns() {
        int n = 0;
        for (double[] column : values) {
            n += column == null ? 0 : 1;
        }
        return n;
    }

    public void clear() {
        next = 0;
        size = 0;
    }

    private int physical(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        int oldest = size < capacity ? 0 : next;
        return (oldest + i) % capacity;
    }
}
