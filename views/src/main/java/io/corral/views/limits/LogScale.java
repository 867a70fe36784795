package io.corral.views.limits;

/**
 * Maps a slider position in [0, 1] to a value on a logarithmic scale between {@code min}
 * and {@code max}, so one slider covers 4M to 64G with as much room for 64M..128M as for
 * 32G..64G. Values are snapped to two significant digits in their binary unit (1.5G,
 * 380M), so a dragged limit reads like one a person would type.
 */
public record LogScale(double min, double max, boolean binary) {
    public LogScale {
        if (!(min > 0) || !(max > min)) {
            throw new IllegalArgumentException("need 0 < min < max: " + min + ", " + max);
        }
    }

    public double toPosition(double value) {
        if (value <= min) {
            return 0;
        }
        if (value >= max) {
            return 1;
        }
        return Math.log(value / min) / Math.log(max / min);
    }

    public double toValue(double position) {
        double p = Math.max(0, Math.min(1, position));
        return min * Math.pow(max / min, p);
    }

    /** The value at a position, snapped to two significant digits of its unit. */
    public long snappedValue(double position) {
        return snap(toValue(position));
    }

    /** Two significant digits in units of 1024^k (binary) or 10^k: 1.5G, 380M, 12K, 2500. */
    public long snap(double value) {
        if (value < 1) {
            return 1;
        }
        double unit = 1;
        int base = binary ? 1024 : 1000;
        // A value a hair below 1024M (floating point from the slider) is 1G, not 1020M.
        while (value / unit >= base * (1 - 1e-9)) {
            unit *= base;
        }
        double scaled = value / unit;
        double step = scaled >= 100 ? 10 : scaled >= 10 ? 1 : 0.1;
        double snapped = Math.round(scaled / step) * step * unit;
        return Math.max(1, Math.round(Math.min(snapped, Long.MAX_VALUE)));
    }
}
