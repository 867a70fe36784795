package io.corral.model.usage;

import io.corral.model.kernel.MalformedFileException;

import java.util.Optional;

/**
 * Pressure stall information ({@code cpu.pressure}, {@code memory.pressure},
 * {@code io.pressure}): the share of time some (or all, "full") tasks waited.
 * cpu.pressure has a "full" line since 5.13 (always zero at the root).
 */
public record Pressure(Line some, Optional<Line> full) {

    /** Averages in percent over 10 s, 60 s and 300 s, and the total stall time in µs. */
    public record Line(double avg10, double avg60, double avg300, long totalUsec) {
    }

    public static Pressure parse(String file, String text) throws MalformedFileException {
        Line some = null;
        Line full = null;
        for (String l : text.split("\n")) {
            if (l.isBlank()) {
                continue;
            }
            String[] f = l.strip().split("\\s+");
            if (f.length != 5) {
                throw new MalformedFileException(file, text, "expected \"some|full avg10=.. avg60=.. avg300=.. total=..\"");
            }
            Line line = new Line(avg(file, text, f[1], "avg10="), avg(file, text, f[2], "avg60="),
                    avg(file, text, f[3], "avg300="), total(file, text, f[4]));
            switch (f[0]) {
                case "some" -> some = line;
                case "full" -> full = line;
                default -> throw new MalformedFileException(file, text, "unknown line " + f[0]);
            }
        }
        if (some == null) {
            throw new MalformedFileException(file, text, "no \"some\" line");
        }
        return new Pressure(some, Optional.ofNullable(full));
    }

    private static double avg(String file, String text, String field, String key) throws MalformedFileException {
        if (!field.startsWith(key) || !field.substring(key.length()).matches("[0-9]{1,3}\\.[0-9]{2}")) {
            throw new MalformedFileException(file, text, "expected " + key + "N.NN, got " + field);
        }
        return Double.parseDouble(field.substring(key.length()));
    }

    private static long total(String file, String text, String field) throws MalformedFileException {
        if (!field.startsWith("total=") || !field.substring(6).matches("[0-9]{1,19}")) {
            throw new MalformedFileException(file, text, "expected total=N, got " + field);
        }
        try {
            return Long.parseLong(field.substring(6));
        } catch (NumberFormatException e) {
            throw new MalformedFileException(file, text, "total too large");
        }
    }
}
