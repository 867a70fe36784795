package io.corral.model.limit;

import io.corral.model.kernel.MalformedFileException;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Count;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.model.limit.LimitValue.DeviceNumber;
import io.corral.model.limit.LimitValue.IdList;
import io.corral.model.limit.LimitValue.PerDevice;
import io.corral.model.limit.LimitValue.Unlimited;
import io.corral.model.limit.LimitValue.Weight;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parses the contents of limit interface files as the kernel writes them. Each method
 * takes the file name (for the error) and its whole text.
 */
public final class KernelLimitText {
    /**
     * v1 memory files report "no limit" as PAGE_COUNTER_MAX * PAGE_SIZE, i.e. LONG_MAX
     * rounded down to a page: 9223372036854771712 with 4 KiB pages, less with 64 KiB pages.
     * Anything within 64 KiB of LONG_MAX is that sentinel.
     */
    static final long V1_UNLIMITED_FLOOR = Long.MAX_VALUE - 65_535;

    private KernelLimitText() {
    }

    /** v2 {@code memory.max}, {@code memory.swap.max}, {@code pids.max}...: {@code max} or a number. */
    public static LimitValue maxOrBytes(String file, String text) throws MalformedFileException {
        String t = text.strip();
        return t.equals("max") ? Unlimited.INSTANCE : new Bytes(number(file, text, t));
    }

    /** {@code pids.max}: {@code max} or a count. */
    public static LimitValue maxOrCount(String file, String text) throws MalformedFileException {
        String t = text.strip();
        return t.equals("max") ? Unlimited.INSTANCE : new Count(number(file, text, t));
    }

    /** v1 {@code memory.limit_in_bytes} and friends: a number, page-aligned LONG_MAX meaning unlimited. */
    public static LimitValue v1Bytes(String file, String text) throws MalformedFileException {
        long v = number(file, text, text.strip());
        return v >= V1_UNLIMITED_FLOOR ? Unlimited.INSTANCE : new Bytes(v);
    }

    /** v2 {@code cpu.max}: {@code QUOTA PERIOD} with QUOTA {@code max} or µs. */
    public static LimitValue cpuMax(String file, String text) throws MalformedFileException {
        String[] f = text.strip().split("\\s+");
        if (f.length != 2) {
            throw new MalformedFileException(file, text, "expected \"QUOTA PERIOD\"");
        }
        long period = positive(file, text, f[1]);
        return f[0].equals("max") ? Unlimited.INSTANCE : new CpuQuota(positive(file, text, f[0]), period);
    }

    /** The period of v2 {@code cpu.max}, also when the quota is {@code max}. */
    public static long cpuMaxPeriod(String file, String text) throws MalformedFileException {
        String[] f = text.strip().split("\\s+");
        if (f.length != 2) {
            throw new MalformedFileException(file, text, "expected \"QUOTA PERIOD\"");
        }
        return positive(file, text, f[1]);
    }

    /** v1 {@code cpu.cfs_quota_us} (-1 = unlimited) with {@code cpu.cfs_period_us}. */
    public static LimitValue cfsQuota(String quotaFile, String quotaText, String periodFile, String periodText)
            throws MalformedFileException {
        String q = quotaText.strip();
        long period = positive(periodFile, periodText, periodText.strip());
        if (q.equals("-1")) {
            return Unlimited.INSTANCE;
        }
        return new CpuQuota(positive(quotaFile, quotaText, q), period);
    }

    /** v2 {@code cpu.weight}. */
    public static Weight weight(String file, String text) throws MalformedFileException {
        long w = number(file, text, text.strip());
        if (w < Weight.MIN || w > Weight.MAX) {
            throw new MalformedFileException(file, text, "weight outside 1..10000");
        }
        return new Weight(w);
    }

    /** v1 {@code cpu.shares}, converted to a v2 weight. */
    public static Weight shares(String file, String text) throws MalformedFileException {
        return Weight.ofShares(number(file, text, text.strip()));
    }

    /** {@code cpuset.cpus} / {@code cpuset.mems}: {@code 0-3,5}, or empty (no cpus yet, fresh v1 group). */
    public static IdList idList(String file, String text) throws MalformedFileException {
        String t = text.strip();
        if (t.isEmpty()) {
            return new IdList(new ArrayList<>());
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (String part : t.split(",")) {
            int dash = part.indexOf('-');
            int from = id(file, text, dash < 0 ? part : part.substring(0, dash));
            int to = id(file, text, dash < 0 ? part : part.substring(dash + 1));
            if (to < from || to - from > LimitParser.MAX_ID) {
                throw new MalformedFileException(file, text, "bad range " + part);
            }
            for (int i = from; i <= to; i++) {
                ids.add(i);
            }
        }
        return new IdList(new ArrayList<>(ids));
    }

    /**
     * v2 {@code io.max}: lines {@code 8:0 rbps=max wbps=1048576 riops=max wiops=max}; picks
     * the key for one knob ({@code rbps}...). Devices without a limit for that key are left out.
     */
    public static PerDevice ioMax(String file, String text, String key) throws MalformedFileException {
        TreeMap<DeviceNumber, LimitValue> map = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            DeviceNumber dev = device(file, text, f[0]);
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq <= 0) {
                    throw new MalformedFileException(file, text, "expected KEY=VALUE, got " + f[i]);
                }
                if (f[i].substring(0, eq).equals(key)) {
                    String v = f[i].substring(eq + 1);
                    if (!v.equals("max")) {
                        long n = number(file, text, v);
                        map.put(dev, key.endsWith("bps") ? new Bytes(n) : new Count(n));
                    }
                }
            }
        }
        return new PerDevice(map);
    }

    /** v1 {@code blkio.throttle.*_device}: lines {@code 8:0 1048576}. */
    public static PerDevice blkioThrottle(String file, String text, boolean bytes) throws MalformedFileException {
        TreeMap<DeviceNumber, LimitValue> map = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length != 2) {
                throw new MalformedFileException(file, text, "expected \"MAJ:MIN VALUE\" lines");
            }
            long n = number(file, text, f[1]);
            map.put(device(file, text, f[0]), bytes ? new Bytes(n) : new Count(n));
        }
        return new PerDevice(map);
    }

    static DeviceNumber device(String file, String text, String s) throws MalformedFileException {
        String[] mm = s.split(":");
        if (mm.length != 2 || !mm[0].matches("[0-9]{1,7}") || !mm[1].matches("[0-9]{1,7}")) {
            throw new MalformedFileException(file, text, "bad device " + s);
        }
        return new DeviceNumber(Integer.parseInt(mm[0]), Integer.parseInt(mm[1]));
    }

    private static int id(String file, String text, String s) throws MalformedFileException {
        if (!s.matches("[0-9]{1,6}")) {
            throw new MalformedFileException(file, text, "bad id " + s);
        }
        return Integer.parseInt(s);
    }

    private static long positive(String file, String text, String s) throws MalformedFileException {
        long v = number(file, text, s);
        if (v <= 0) {
            throw new MalformedFileException(file, text, "expected a positive number, got " + s);
        }
        return v;
    }

    /** A non-negative decimal that fits a long. */
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
