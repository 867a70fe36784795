package io.corral.model.limit;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Count;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.model.limit.LimitValue.IdList;
import io.corral.model.limit.LimitValue.PerDevice;
import io.corral.model.limit.LimitValue.Unlimited;
import io.corral.model.limit.LimitValue.Weight;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a (knob, value, version) into the ordered interface-file writes that set it.
 * Order matters on v1: the quota needs its period, and {@code memory.memsw.limit_in_bytes}
 * (memory+swap) must never be below {@code memory.limit_in_bytes}, so raising the memory
 * limit writes memsw first and lowering it writes memsw last. The group's current limits
 * give that context; {@link GroupLimits#NONE} if unknown.
 */
public final class LimitWrites {
    /** v1 writes {@code -1} to reset a memory limit or a quota to unlimited. */
    static final String V1_UNLIMITED = "-1";

    private LimitWrites() {
    }

    public static List<FileWrite> plan(Knob knob, LimitValue value, CgroupVersion version, GroupLimits current)
            throws InvalidInputException {
        checkKind(knob, value);
        if (knob.file(version).isEmpty()) {
            throw new InvalidInputException(value.toString(), knob + " has no cgroup v1 equivalent (it exists on cgroup2 only)");
        }
        return version == CgroupVersion.V2 ? v2(knob, value) : v1(knob, value, current);
    }

    private static List<FileWrite> v2(Knob knob, LimitValue value) {
        String file = knob.file(CgroupVersion.V2).orElseThrow();
        return switch (knob.kind()) {
            case CPU_QUOTA -> List.of(new FileWrite(file, value instanceof CpuQuota q
                    ? q.quotaUsec() + " " + q.periodUsec() : "max"));
            case DEVICE_BYTES, DEVICE_COUNT -> perDevice((PerDevice) value, file,
                    v -> ioKey(knob) + "=" + (v instanceof Unlimited ? "max" : number(v)));
            default -> List.of(new FileWrite(file, value instanceof Unlimited ? "max" : number(value)));
        };
    }

    private static List<FileWrite> v1(Knob knob, LimitValue value, GroupLimits current) throws InvalidInputException {
        String file = knob.file(CgroupVersion.V1).orElseThrow();
        return switch (knob) {
            case CPU_QUOTA -> {
                if (value instanceof CpuQuota q) {
                    Optional<Long> period = current.value(Knob.CPU_QUOTA)
                            .filter(CpuQuota.class::isInstance).map(v -> ((CpuQuota) v).periodUsec());
                    List<FileWrite> w = new ArrayList<>();
                    if (period.isEmpty() || period.get() != q.periodUsec()) {
                        w.add(new FileWrite("cpu.cfs_period_us", Long.toString(q.periodUsec())));
                    }
                    w.add(new FileWrite(file, Long.toString(q.quotaUsec())));
                    yield w;
                }
                yield List.of(new FileWrite(file, V1_UNLIMITED));
            }
            case CPU_WEIGHT -> List.of(new FileWrite(file, Long.toString(((Weight) value).shares())));
            case MEMORY_MAX -> memoryLimitV1(value, current);
            case MEMORY_SWAP -> swapV1(value, current);
            case MEMORY_LOW -> List.of(new FileWrite(file, value instanceof Unlimited ? V1_UNLIMITED : number(value)));
            case IO_RBPS, IO_WBPS, IO_RIOPS, IO_WIOPS ->
                    // v1 throttle files drop a device's rule when given 0.
                    perDevice((PerDevice) value, file, v -> v instanceof Unlimited ? "0" : number(v));
            default -> List.of(new FileWrite(file, value instanceof Unlimited ? "max" : number(value)));
        };
    }

    private static List<FileWrite> memoryLimitV1(LimitValue value, GroupLimits current) throws InvalidInputException {
        String limitText = value instanceof Bytes b ? Long.toString(b.bytes()) : V1_UNLIMITED;
        FileWrite limit = new FileWrite("memory.limit_in_bytes", limitText);
        Optional<LimitValue> swap = current.value(Knob.MEMORY_SWAP);
        if (swap.isEmpty() || swap.get() instanceof Unlimited) {
            return List.of(limit);
        }
        // A swap limit is in place: keep the same amount of swap on top of the new limit.
        long swapBytes = ((Bytes) swap.get()).bytes();
        String memswText;
        if (value instanceof Bytes b) {
            if (b.bytes() > Long.MAX_VALUE - swapBytes) {
                throw new InvalidInputException(value.toString(), "memory.max " + value + " plus the swap limit "
                        + swap.get() + " overflows memory.memsw.limit_in_bytes");
            }
            memswText = Long.toString(b.bytes() + swapBytes);
        } else {
            memswText = V1_UNLIMITED;
        }
        FileWrite memsw = new FileWrite("memory.memsw.limit_in_bytes", memswText);
        boolean raising = !(current.value(Knob.MEMORY_MAX).orElse(Unlimited.INSTANCE) instanceof Bytes old)
                || !(value instanceof Bytes nb) || nb.bytes() > old.bytes();
        return raising ? List.of(memsw, limit) : List.of(limit, memsw);
    }

    private static List<FileWrite> swapV1(LimitValue value, GroupLimits current) throws InvalidInputException {
        if (value instanceof Unlimited) {
            return List.of(new FileWrite("memory.memsw.limit_in_bytes", V1_UNLIMITED));
        }
        Optional<LimitValue> mem = current.value(Knob.MEMORY_MAX);
        if (mem.isEmpty() || !(mem.get() instanceof Bytes m)) {
            throw new InvalidInputException(value.toString(), "on cgroup v1 memory.swap needs a memory.max first "
                    + "(memory.memsw.limit_in_bytes limits memory and swap together)");
        }
        long swap = ((Bytes) value).bytes();
        if (swap > Long.MAX_VALUE - m.bytes()) {
            throw new InvalidInputException(value.toString(), "memory.swap " + value + " plus memory.max overflows");
        }
        return List.of(new FileWrite("memory.memsw.limit_in_bytes", Long.toString(m.bytes() + swap)));
    }

    private interface DeviceText {
        String of(LimitValue v);
    }

    private static List<FileWrite> perDevice(PerDevice p, String file, DeviceText text) {
        List<FileWrite> w = new ArrayList<>();
        p.limits().forEach((dev, v) -> w.add(new FileWrite(file, dev + " " + text.of(v))));
        return w;
    }

    private static String ioKey(Knob knob) {
        return knob.cliName().substring("io.".length());
    }

    private static String number(LimitValue v) {
        if (v instanceof Bytes b) {
            return Long.toString(b.bytes());
        }
        if (v instanceof Count c) {
            return Long.toString(c.count());
        }
        if (v instanceof Weight w) {
            return Long.toString(w.weight());
        }
        if (v instanceof IdList l) {
            return l.toString();
        }
        throw new IllegalArgumentException("not a plain number: " + v);
    }

    private static void checkKind(Knob knob, LimitValue value) throws InvalidInputException {
        boolean ok = switch (knob.kind()) {
            case CPU_QUOTA -> value instanceof CpuQuota || value instanceof Unlimited;
            case WEIGHT -> value instanceof Weight;
            case BYTES -> value instanceof Bytes || value instanceof Unlimited;
            case COUNT -> value instanceof Count || value instanceof Unlimited;
            case DEVICE_BYTES, DEVICE_COUNT -> value instanceof PerDevice p && !p.limits().isEmpty();
            case ID_LIST -> value instanceof IdList l && !l.ids().isEmpty();
        };
        if (!ok) {
            throw new InvalidInputException(value.toString(), knob + " does not take a value like " + value);
        }
    }
}
