package io.corral.model.usage;

import io.corral.model.kernel.MalformedFileException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Parsers for the counter files: flat keyed files, {@code io.stat} and v1 blkio lists. */
public final class UsageText {
    private UsageText() {
    }

    /** {@code key value} per line ({@code cpu.stat}, {@code memory.events}, {@code cpuacct.stat}). */
    public static Map<String, Long> flatKeyed(String file, String text) throws MalformedFileException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length != 2) {
                throw new MalformedFileException(file, text, "expected \"KEY VALUE\" lines, got \"" + line + "\"");
            }
            m.put(f[0], number(file, text, f[1]));
        }
        return m;
    }

    /** A file holding one non-negative number ({@code memory.current}, {@code cpuacct.usage}). */
    public static long single(String file, String text) throws MalformedFileException {
        return number(file, text, text.strip());
    }

    /**
     * v2 {@code io.stat}: {@code 8:0 rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N} per
     * device, summed. A group that did no io has an empty file: all totals are then 0
     * (the kernel lists only devices with activity), which is a measured zero, not absence.
     */
    public static IoUsage ioStat(String file, String text) throws MalformedFileException {
        long rb = 0;
        long wb = 0;
        long ro = 0;
        long wo = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (!f[0].matches("[0-9]+:[0-9]+")) {
                throw new MalformedFileException(file, text, "expected MAJ:MIN first, got " + f[0]);
            }
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq <= 0) {
                    throw new MalformedFileException(file, text, "expected KEY=VALUE, got " + f[i]);
                }
                long v = number(file, text, f[i].substring(eq + 1));
                switch (f[i].substring(0, eq)) {
                    case "rbytes" -> rb += v;
                    case "wbytes" -> wb += v;
                    case "rios" -> ro += v;
                    case "wios" -> wo += v;
                    default -> { } // dbytes, dios, and keys newer kernels add
                }
            }
        }
        return new IoUsage(OptionalLong.of(rb), OptionalLong.of(wb), OptionalLong.of(ro), OptionalLong.of(wo));
    }

    /**
     * v1 {@code blkio.throttle.io_service_bytes} / {@code io_serviced}: lines
     * {@code 8:0 Read N}, {@code 8:0 Write N}, ... and a final {@code Total N}. Returns
     * {read, write} summed over devices.
     */
    public static long[] blkioReadWrite(String file, String text) throws MalformedFileException {
        long read = 0;
        long write = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].equals("Total")) {
                number(file, text, f[1]);
                continue;
            }
            if (f.length != 3 || !f[0].matches("[0-9]+:[0-9]+")) {
                throw new MalformedFileException(file, text, "expected \"MAJ:MIN OP N\" lines, got \"" + line + "\"");
            }
            long v = number(file, text, f[2]);
            if (f[1].equals("Read")) {
                read += v;
            } else if (f[1].equals("Write")) {
                write += v;
            }
        }
        return new long[] {read, write};
    }

    static long number(String file, String text, String s) throws MalformedFileException {
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedFileException(file, text, "expected a non-negative number, got \"" + s + "\"");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new MalformedFileException(file, text, "number too large: " + s);
        }
    }
}
