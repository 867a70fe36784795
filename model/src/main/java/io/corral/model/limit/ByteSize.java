package io.corral.model.limit;

import io.corral.model.input.InvalidInputException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Sizes in bytes as people write them: {@code 4096}, {@code 256M}, {@code 1.5G},
 * {@code 2GiB}. Units are binary (K = 1024), as in the kernel's own
 * {@code memparse()} and in systemd's {@code MemoryMax=}.
 */
public final class ByteSize {
    private static final String UNITS = "KMGTPE";

    private ByteSize() {
    }

    /**
     * Parses a non-negative size. Refuses signs, fractions of a byte, unknown units and
     * values above {@link Long#MAX_VALUE}; {@code what} names the value in messages.
     */
    public static long parse(String text, String what) throws InvalidInputException {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new InvalidInputException(text, what + ": empty value");
        }
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
            end++;
        }
        String number = t.substring(0, end);
        String unit = t.substring(end);
        if (number.isEmpty()) {
            if (t.startsWith("-")) {
                throw new InvalidInputException(text, what + ": \"" + Texts.printable(text) + "\" is negative");
            }
            throw new InvalidInputException(text, what + ": \"" + Texts.printable(text)
                    + "\" is not a size (e.g. 4096, 256M, 1.5G or max)");
        }
        if (number.chars().filter(c -> c == '.').count() > 1 || number.startsWith(".") || number.endsWith(".")) {
            throw new InvalidInputException(text, what + ": \"" + Texts.printable(text) + "\" is not a number");
        }
        long multiplier = multiplier(unit, text, what);
        BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new InvalidInputException(text, what + ": \"" + Texts.printable(text)
                    + "\" is too large (at most " + Long.MAX_VALUE + " bytes, or max)");
        }
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new InvalidInputException(text, what + ": \"" + Texts.printable(text)
                    + "\" is not a whole number of bytes");
        }
        return bytes.longValueExact();
    }

    private static long multiplier(String unit, String text, String what) throws InvalidInputException {
        if (unit.isEmpty()) {
            return 1;
        }
        String u = unit.toUpperCase(Locale.ROOT);
        if (u.equals("B")) {
            return 1;
        }
        int idx = UNITS.indexOf(u.charAt(0));
        String rest = u.substring(1);
        if (idx < 0 || !(rest.isEmpty() || rest.equals("B") || rest.equals("IB"))) {
            throw new InvalidInputException(text, what + ": unknown unit \"" + Texts.printable(unit)
                    + "\" in \"" + Texts.printable(text) + "\" (use K, M, G, T, P or E)");
        }
        return 1L << (10 * (idx + 1));
    }

    /** The largest binary unit that divides the value exactly: {@code 256M}, {@code 1536K}, {@code 1000}. */
    public static String exact(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        for (int i = UNITS.length() - 1; i >= 0; i--) {
            long unit = 1L << (10 * (i + 1));
            if (bytes % unit == 0) {
                return (bytes / unit) + String.valueOf(UNITS.charAt(i));
            }
        }
        return Long.toString(bytes);
    }

    /** Approximate, for people: {@code 1.5G}, {@code 812K}, {@code 512} (at most 3 significant digits). */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        int i = 0;
        double v = bytes;
        while (v >= 1024 && i < UNITS.length()) {
            v /= 1024;
            i++;
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(v >= 100 ? 0 : v >= 10 ? 1 : 2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return d.toPlainString() + UNITS.charAt(i - 1);
    }
}
