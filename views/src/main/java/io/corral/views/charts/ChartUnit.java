package io.corral.views.charts;

import java.util.Locale;

/**
 * What a chart's values measure, and how to write them on an axis: bytes with binary
 * prefixes (the kernel counts memory in pages of powers of two, people say "512M"), rates
 * per second, percent (100 % = one core), plain counts.
 */
public enum ChartUnit {
    PERCENT(1000, "%"),
    BYTES(1024, ""),
    BYTES_PER_SECOND(1024, "/s"),
    COUNT(1000, "");

    private static final String[] PREFIXES = {"", "K", "M", "G", "T", "P"};

    private final int base;
    private final String suffix;

    ChartUnit(int base, String suffix) {
        this.base = base;
        this.suffix = suffix;
    }

    /** A short label: {@code 1.5G}, {@code 12M/s}, {@code 250%}, {@code 3.2k}. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (this == PERCENT) {
            return trim(value, Math.abs(value) < 10 ? 1 : 0) + "%";
        }
        double v = Math.abs(value);
        int p = 0;
        while (v >= base && p < PREFIXES.length - 1) {
            v /= base;
            p++;
        }
        String prefix = PREFIXES[p];
        if (this == COUNT) {
            prefix = prefix.toLowerCase(Locale.ROOT);
        }
        String number = trim(Math.copySign(v, value), p == 0 || v >= 100 ? 0 : 1);
        return number + prefix + suffix;
    }

    /** The size of one prefix step of this unit (1024 for bytes, 1000 otherwise). */
    public int base() {
        return base;
    }

    /**
     * A "nice" tick step for an axis from 0 to {@code max} with about {@code ticks} ticks:
     * 1, 2, 2.5 or 5 times a power of ten within the prefix the maximum is written in, so
     * byte axes read 256M, 512M, 768M rather than 268435456.
     */
    public double niceStep(double max, int ticks) {
        if (!(max > 0) || ticks < 1) {
            return 1;
        }
        double scale = 1;
        if (this != PERCENT) {
            while (max / scale >= base) {
                scale *= base;
            }
        }
        double raw = max / scale / ticks;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double[] mult = base == 1024 && scale > 1 ? new double[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}
                : new double[] {1, 2, 2.5, 5, 10};
        if (base == 1024 && scale > 1) {
            for (double m : mult) {
                if (m >= raw) {
                    return m * scale;
                }
            }
            return 1024 * scale;
        }
        for (double m : mult) {
            if (m * pow >= raw) {
                double step = m * pow * scale;
                return this == COUNT || this == BYTES || this == BYTES_PER_SECOND ? Math.max(1, step) : step;
            }
        }
        return 10 * pow * scale;
    }

    private static String trim(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
