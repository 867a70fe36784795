package io.corral.model.limit;

import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Count;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.model.limit.LimitValue.DeviceNumber;
import io.corral.model.limit.LimitValue.IdList;
import io.corral.model.limit.LimitValue.PerDevice;
import io.corral.model.limit.LimitValue.Unlimited;
import io.corral.model.limit.LimitValue.Weight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.TreeSet;

/**
 * Parses what a person types as a limit value ({@code corral set GROUP KNOB=VALUE}):
 * <ul>
 * <li>sizes {@code 4096}, {@code 256M}, {@code 1.5G}; counts {@code 64}; {@code max} or
 *     {@code unlimited} where a knob can be unlimited;</li>
 * <li>CPU quota in cores {@code 0.5} (period 100 ms), or {@code 0.5/50000} with the period in µs;</li>
 * <li>CPU weight {@code 1..10000} (v2 scale; converted to shares on v1);</li>
 * <li>cpu/node lists {@code 0-3,5};</li>
 * <li>io limits {@code MAJ:MIN VALUE} or {@code MAJ:MIN=VALUE}, e.g. {@code 8:0 10M}.</li>
 * </ul>
 * Every refusal is an {@link InvalidInputException} naming the knob, the text and the rule.
 */
public final class LimitParser {
    /** Longer input is refused before parsing: no limit value needs more (the kernel's own cap is a page). */
    public static final int MAX_INPUT = 4096;
    /** The kernel refuses CPU quotas below 1 ms and periods outside 1 ms .. 1 s. */
    public static final long MIN_QUOTA_USEC = 1000;
    public static final long MIN_PERIOD_USEC = 1000;
    public static final long MAX_PERIOD_USEC = 1_000_000;
    /** Far above any machine, far below the kernel's quota overflow bound. */
    public static final long MAX_CORES = 100_000;
    /** Highest cpu / memory-node id accepted in a list (the kernel's NR_CPUS is at most 8192). */
    public static final int MAX_ID = 65_535;

    private LimitParser() {
    }

    public static LimitValue parse(Knob knob, String text) throws InvalidInputException {
        if (text == null) {
            throw new InvalidInputException("", knob + ": no value");
        }
        if (text.length() > MAX_INPUT) {
            throw new InvalidInputException(text.substring(0, 64), knob + ": value is " + text.length()
                    + " characters long (at most " + MAX_INPUT + ")");
        }
        String t = text.strip();
        if (t.isEmpty()) {
            throw new InvalidInputException(text, knob + ": empty value");
        }
        boolean unlimited = t.equals("max") || t.equals("unlimited");
        if (unlimited && knob.acceptsUnlimited() && knob.kind() != Knob.Kind.DEVICE_BYTES
                && knob.kind() != Knob.Kind.DEVICE_COUNT) {
            return Unlimited.INSTANCE;
        }
        return switch (knob.kind()) {
            case BYTES -> new Bytes(ByteSize.parse(single(knob, t), knob.cliName()));
            case COUNT -> new Count(count(knob, single(knob, t)));
            case CPU_QUOTA -> cpuQuota(knob, single(knob, t));
            case WEIGHT -> weight(knob, single(knob, t));
            case ID_LIST -> idList(knob, single(knob, t));
            case DEVICE_BYTES, DEVICE_COUNT -> perDevice(knob, t);
        };
    }

    private static String single(Knob knob, String t) throws InvalidInputException {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i)) || Character.isISOControl(t.charAt(i))) {
                throw new InvalidInputException(t, knob + ": \"" + Texts.printable(t)
                        + "\" must be one value without spaces (e.g. " + example(knob) + ")");
            }
        }
        return t;
    }

    static long count(Knob knob, String t) throws InvalidInputException {
        if (t.startsWith("-")) {
            throw new InvalidInputException(t, knob + ": \"" + Texts.printable(t) + "\" is negative");
        }
        if (!t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(t, knob + ": \"" + Texts.printable(t)
                    + "\" is not a whole number (e.g. " + example(knob) + ")");
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(t, knob + ": \"" + Texts.printable(t) + "\" is too large");
        }
    }

    private static CpuQuota cpuQuota(Knob knob, String t) throws InvalidInputException {
        String coresText = t;
        long period = CpuQuota.DEFAULT_PERIOD_USEC;
        int slash = t.indexOf('/');
        if (slash >= 0) {
            coresText = t.substring(0, slash);
            period = count(knob, t.substring(slash + 1));
            if (period < MIN_PERIOD_USEC || period > MAX_PERIOD_USEC) {
                throw new InvalidInputException(t, knob + ": period " + period
                        + " µs is outside the kernel's range 1000..1000000 µs");
            }
        }
        if (coresText.startsWith("-")) {
            throw new InvalidInputException(t, knob + ": \"" + Texts.printable(t) + "\" is negative");
        }
        BigDecimal cores;
        try {
            if (!coresText.matches("[0-9]+(\\.[0-9]+)?")) {
                throw new NumberFormatException();
            }
            cores = new BigDecimal(coresText);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(t, knob + ": \"" + Texts.printable(t)
                    + "\" is not a number of cores (e.g. 0.5, 2, 1.5/50000 or max)");
        }
        if (cores.compareTo(BigDecimal.valueOf(MAX_CORES)) > 0) {
            throw new InvalidInputException(t, knob + ": " + coresText + " cores is too many (at most " + MAX_CORES + ")");
        }
        long quota = cores.multiply(BigDecimal.valueOf(period)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (quota < MIN_QUOTA_USEC) {
            throw new InvalidInputException(t, knob + ": " + coresText + " cores is " + quota
                    + " µs per " + period + " µs period; the kernel needs at least 1000 µs");
        }
        return new CpuQuota(quota, period);
    }

    private static Weight weight(Knob knob, String t) throws InvalidInputException {
        if (t.equals("max") || t.equals("unlimited")) {
            throw new InvalidInputException(t, knob + ": a weight cannot be unlimited (give 1..10000; default 100)");
        }
        long w = count(knob, t);
        if (w < Weight.MIN || w > Weight.MAX) {
            throw new InvalidInputException(t, knob + ": " + w + " is outside 1..10000 (default 100)");
        }
        return new Weight(w);
    }

    /** Parses the kernel's list syntax {@code 0-3,5}. */
    static IdList idList(Knob knob, String t) throws InvalidInputException {
        if (t.equals("max") || t.equals("unlimited")) {
            throw new InvalidInputException(t, knob + ": give a list such as 0-3,5 (a cpuset cannot be unlimited)");
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (String part : t.split(",", -1)) {
            int dash = part.indexOf('-');
            String a = dash < 0 ? part : part.substring(0, dash);
            String b = dash < 0 ? part : part.substring(dash + 1);
            int from = id(knob, t, a);
            int to = id(knob, t, b);
            if (to < from) {
                throw new InvalidInputException(t, knob + ": range \"" + part + "\" runs backwards");
            }
            for (int i = from; i <= to; i++) {
                ids.add(i);
            }
        }
        return new IdList(new ArrayList<>(ids));
    }

    private static int id(Knob knob, String whole, String s) throws InvalidInputException {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(whole, knob + ": \"" + Texts.printable(whole)
                    + "\" is not a list of ids (e.g. 0-3,5)");
        }
        if (s.length() > 6 || Integer.parseInt(s) > MAX_ID) {
            throw new InvalidInputException(whole, knob + ": id " + s + " is above " + MAX_ID);
        }
        return Integer.parseInt(s);
    }

    private static PerDevice perDevice(Knob knob, String t) throws InvalidInputException {
        String[] parts = t.split("[=\\s]+");
        if (parts.length != 2) {
            throw new InvalidInputException(t, knob + ": \"" + Texts.printable(t)
                    + "\" must be MAJ:MIN VALUE (e.g. " + example(knob) + ")");
        }
        DeviceNumber dev = device(knob, parts[0]);
        String v = parts[1];
        LimitValue value;
        if (v.equals("max") || v.equals("unlimited")) {
            value = Unlimited.INSTANCE;
        } else if (knob.kind() == Knob.Kind.DEVICE_BYTES) {
            value = new Bytes(ByteSize.parse(v, knob.cliName()));
        } else {
            value = new Count(count(knob, v));
        }
        if (value instanceof Bytes b && b.bytes() == 0 || value instanceof Count c && c.count() == 0) {
            throw new InvalidInputException(t, knob + ": 0 would stop all io on " + dev
                    + " (v1 reads 0 as \"no limit\"): give a positive value or max");
        }
        return PerDevice.of(dev, value);
    }

    static DeviceNumber device(Knob knob, String s) throws InvalidInputException {
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new InvalidInputException(s, knob + ": \"" + Texts.printable(s) + "\" is not a device MAJ:MIN (e.g. 8:0)");
        }
        String a = s.substring(0, colon);
        String b = s.substring(colon + 1);
        if (!a.matches("[0-9]{1,7}") || !b.matches("[0-9]{1,7}")) {
            throw new InvalidInputException(s, knob + ": \"" + Texts.printable(s) + "\" is not a device MAJ:MIN (e.g. 8:0)");
        }
        int major = Integer.parseInt(a);
        int minor = Integer.parseInt(b);
        // dev_t: 12 bits of major, 20 bits of minor.
        if (major >= (1 << 12) || minor >= (1 << 20)) {
            throw new InvalidInputException(s, knob + ": device " + s + " is out of range");
        }
        return new DeviceNumber(major, minor);
    }

    static String example(Knob knob) {
        return switch (knob.kind()) {
            case BYTES -> "256M";
            case COUNT -> "64";
            case CPU_QUOTA -> "0.5";
            case WEIGHT -> "100";
            case ID_LIST -> "0-3,5";
            case DEVICE_BYTES -> "8:0 10M";
            case DEVICE_COUNT -> "8:0 1000";
        };
    }
}
