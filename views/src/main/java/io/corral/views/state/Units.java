package io.corral.views.state;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Numbers in people's units for cells and the status bar. Absent shows as an en dash. */
public final class Units {
    public static final String ABSENT = "\u2013";
    /** Not read yet (the console's first reading is still going on): not absent, not zero. */
    public static final String READING = "reading\u2026";
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (v >= 1024 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, BINARY[unit]);
    }

    public static String bytes(OptionalLong n) {
        return n.isPresent() ? bytes(n.getAsLong()) : ABSENT;
    }

    public static String rate(OptionalDouble bytesPerSecond) {
        if (bytesPerSecond.isEmpty()) {
            return ABSENT;
        }
        double v = bytesPerSecond.getAsDouble();
        return v < 0.5 ? "0 B/s" : bytes(Math.round(v)) + "/s";
    }

    public static String percent(OptionalDouble p) {
        if (p.isEmpty()) {
            return ABSENT;
        }
        double v = p.getAsDouble();
        return String.format(Locale.ROOT, v < 10 ? "%.1f %%" : "%.0f %%", v);
    }

    /** "12.0 MiB / 256 MiB", "12.0 MiB / max", or the dash. */
    public static String usageOfLimit(OptionalLong current, OptionalLong limit) {
        if (current.isEmpty()) {
            return ABSENT;
        }
        return bytes(current.getAsLong()) + " / " + (limit.isPresent() ? bytes(limit.getAsLong()) : "max");
    }

    /** "12 / 64" or "12 / max". */
    public static String countOfLimit(OptionalLong current, OptionalLong limit) {
        if (current.isEmpty()) {
            return ABSENT;
        }
        return current.getAsLong() + " / " + (limit.isPresent() ? Long.toString(limit.getAsLong()) : "max");
    }
}
