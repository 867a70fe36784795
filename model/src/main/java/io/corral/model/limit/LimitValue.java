package io.corral.model.limit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A typed limit value. "No limit" is its own type ({@link Unlimited}), never a magic number:
 * the v1 page-aligned LONG_MAX, {@code -1} and {@code max} all read as {@link Unlimited}.
 * {@link #toString()} gives text that {@link LimitParser} accepts back for the same knob.
 */
public sealed interface LimitValue {

    /** No limit ({@code max} on v2; {@code -1} or page-aligned LONG_MAX on v1). */
    record Unlimited() implements LimitValue {
        public static final Unlimited INSTANCE = new Unlimited();

        @Override
        public String toString() {
            return "max";
        }
    }

    /** A size in bytes (memory limits, io bytes per second). */
    record Bytes(long bytes) implements LimitValue {
        public Bytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("negative bytes " + bytes);
            }
        }

        /** Exact text: the largest binary unit that divides the value ({@code 256M}), else plain bytes. */
        @Override
        public String toString() {
            return ByteSize.exact(bytes);
        }
    }

    /** A count (pids, io operations per second). */
    record Count(long count) implements LimitValue {
        public Count {
            if (count < 0) {
                throw new IllegalArgumentException("negative count " + count);
            }
        }

        @Override
        public String toString() {
            return Long.toString(count);
        }
    }

    /**
     * A CPU bandwidth limit: {@code quotaUsec} of CPU time per {@code periodUsec} of wall time,
     * i.e. {@link #cores()} CPUs' worth.
     */
    record CpuQuota(long quotaUsec, long periodUsec) implements LimitValue {
        public static final long DEFAULT_PERIOD_USEC = 100_000;

        public CpuQuota {
            if (quotaUsec <= 0 || periodUsec <= 0) {
                throw new IllegalArgumentException("quota and period must be positive: " + quotaUsec + "/" + periodUsec);
            }
        }

        /**
         * quota / period: exact when the decimal terminates, else to 7 places, which is enough
         * for {@link LimitParser} to get the same quota back for any period up to 1 s.
         */
        public BigDecimal cores() {
            BigDecimal q = BigDecimal.valueOf(quotaUsec);
            BigDecimal p = BigDecimal.valueOf(periodUsec);
            try {
                return q.divide(p).stripTrailingZeros();
            } catch (ArithmeticException nonTerminating) {
                return q.divide(p, 7, RoundingMode.HALF_UP).stripTrailingZeros();
            }
        }

        /** {@code 0.5} (the period is the default 100 ms) or {@code 0.5/50000} (period in microseconds). */
        @Override
        public String toString() {
            String c = cores().toPlainString();
            return periodUsec == DEFAULT_PERIOD_USEC ? c : c + "/" + periodUsec;
        }
    }

    /** A cgroup v2 CPU weight, 1..10000 (default 100). */
    record Weight(long weight) implements LimitValue {
        public static final long MIN = 1;
        public static final long MAX = 10_000;

        public Weight {
            if (weight < MIN || weight > MAX) {
                throw new IllegalArgumentException("weight out of range: " + weight);
            }
        }

        /**
         * v1 shares (2..262144) to a v2 weight, the conversion runc, crun and systemd use:
         * {@code 1 + (shares - 2) * 9999 / 262142}.
         */
        public static Weight ofShares(long shares) {
            long s = Math.max(2, Math.min(262_144, shares));
            return new Weight(1 + ((s - 2) * 9999) / 262_142);
        }

        /** The inverse: {@code 2 + (weight - 1) * 262142 / 9999}. */
        public long shares() {
            return 2 + ((weight - 1) * 262_142) / 9999;
        }

        @Override
        public String toString() {
            return Long.toString(weight);
        }
    }

    /** A cpu or memory-node list: sorted distinct ids, shown in the kernel's {@code 0-3,5} form. */
    record IdList(List<Integer> ids) implements LimitValue {
        public IdList {
            ids = List.copyOf(ids);
            for (int i = 1; i < ids.size(); i++) {
                if (ids.get(i) <= ids.get(i - 1)) {
                    throw new IllegalArgumentException("ids must be sorted and distinct: " + ids);
                }
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < ids.size()) {
                int start = ids.get(i);
                int end = start;
                while (i + 1 < ids.size() && ids.get(i + 1) == end + 1) {
                    end = ids.get(++i);
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(start);
                if (end != start) {
                    sb.append('-').append(end);
                }
                i++;
            }
            return sb.toString();
        }
    }

    /**
     * Per-device io limits: each device's value is {@link Bytes}, {@link Count} or
     * {@link Unlimited}. A device not in the map has no limit.
     */
    record PerDevice(SortedMap<DeviceNumber, LimitValue> limits) implements LimitValue {
        public PerDevice {
            limits = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(limits));
            for (LimitValue v : limits.values()) {
                if (!(v instanceof Bytes || v instanceof Count || v instanceof Unlimited)) {
                    throw new IllegalArgumentException("per-device value must be bytes, count or max: " + v);
                }
            }
        }

        public static PerDevice of(DeviceNumber dev, LimitValue v) {
            return new PerDevice(new TreeMap<>(Map.of(dev, v)));
        }

        /** {@code 8:0 10M} per device, comma-separated; empty map gives an empty string. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            limits.forEach((d, v) -> {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(d).append(' ').append(v);
            });
            return sb.toString();
        }
    }

    /** A block device's {@code MAJ:MIN}. */
    record DeviceNumber(int major, int minor) implements Comparable<DeviceNumber> {
        public DeviceNumber {
            if (major < 0 || minor < 0) {
                throw new IllegalArgumentException("negative device number " + major + ":" + minor);
            }
        }

        @Override
        public int compareTo(DeviceNumber o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        @Override
        public String toString() {
            return major + ":" + minor;
        }
    }
}
