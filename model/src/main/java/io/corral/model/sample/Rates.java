package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.proc.ProcessInfo;
import io.corral.model.proc.ProcFs;
import io.corral.model.usage.CpuUsage;
import io.corral.model.usage.IoUsage;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Rates between two snapshots, computed in one place. A group counts as the same group
 * only if its inode (the cgroup id on v2) is unchanged: a group removed and recreated under
 * the same path starts its counters from zero, and a difference across that would be
 * nonsense. A counter that went backwards (reset, wrap) gives an absent rate, never a
 * negative one. A process is the same process only if its start time is unchanged (pids
 * are reused).
 */
public final class Rates {
    private static final OptionalDouble ZERO = OptionalDouble.of(0);
    /**
     * The rates of a group whose counters did not move, by which counters it has (bit 0 CPU,
     * bits 1-4 io read/write bytes and operations): most groups of a host are idle, and
     * each would otherwise get its own rates and six {@code OptionalDouble}s on every tick.
     */
    private static final AtomicReferenceArray<Optional<GroupRates>> IDLE = new AtomicReferenceArray<>(32);

    private final double seconds;
    /** By hierarchy id, then by the path objects of the later snapshot (no key made per group). */
    private final Map<String, Map<GroupPath, Optional<GroupRates>>> groups;
    private final Map<Integer, OptionalDouble> processCpu;

    private Rates(double seconds, Map<String, Map<GroupPath, Optional<GroupRates>>> groups,
                  Map<Integer, OptionalDouble> processCpu) {
        this.seconds = seconds;
        this.groups = groups;
        this.processCpu = Collections.unmodifiableMap(processCpu);
    }

    public static Rates between(HostSnapshot before, HostSnapshot after) {
        double seconds = (after.monotonicNanos() - before.monotonicNanos()) / 1e9;
        Map<String, Map<GroupPath, Optional<GroupRates>>> g = new HashMap<>();
        Map<Integer, OptionalDouble> p = new HashMap<>();
        if (seconds > 0) {
            // Trees are paired by hierarchy and start path: a snapshot may hold several trees
            // of one hierarchy (e.g. the console's changed groups, each alone).
            Map<String, HierarchyTree> earlier = new HashMap<>();
            for (HierarchyTree w : before.hierarchies()) {
                earlier.put(w.hierarchy().id() + ' ' + w.root().path(), w);
            }
            for (HierarchyTree t : after.hierarchies()) {
                String id = t.hierarchy().id();
                Map<GroupPath, Optional<GroupRates>> m = g.computeIfAbsent(id, k -> new HashMap<>());
                HierarchyTree w = earlier.get(id + ' ' + t.root().path());
                if (w != null) {
                    double hierarchySeconds = (after.readNanos(id) - before.readNanos(id)) / 1e9;
                    match(w.root(), t.root(), m, hierarchySeconds, after.cpuCount());
                }
            }
            double processSeconds = (after.processesReadNanos() - before.processesReadNanos()) / 1e9;
            for (ProcessInfo now : after.processes().values()) {
                ProcessInfo was = before.processes().get(now.pid());
                if (was != null && was.startTicks() == now.startTicks()) {
                    OptionalDouble ticks = perSecond(OptionalLong.of(was.cpuTicks()), OptionalLong.of(now.cpuTicks()), processSeconds);
                    p.put(now.pid(), scale(ticks, 100.0 / ProcFs.TICKS_PER_SECOND));
                }
            }
        }
        return new Rates(seconds, g, p);
    }

    /** Seconds between the two snapshots (0 or less: no rates at all). */
    public double seconds() {
        return seconds;
    }

    /** Rates of a group that exists in both snapshots as the same group. */
    public Optional<GroupRates> group(GroupKey key) {
        return group(key.hierarchyId(), key.path());
    }

    /** The same, without making a key: the returned {@code Optional} is kept, not made per call. */
    public Optional<GroupRates> group(String hierarchyId, GroupPath path) {
        Map<GroupPath, Optional<GroupRates>> m = groups.get(hierarchyId);
        Optional<GroupRates> r = m == null ? null : m.get(path);
        return r == null ? Optional.empty() : r;
    }

    /** CPU % of one core of a process present in both snapshots as the same process. */
    public OptionalDouble processCpuPercent(int pid) {
        return processCpu.getOrDefault(pid, OptionalDouble.empty());
    }

    /**
     * Rates of {@code now} and the groups below it, from {@code was} at the same path. The
     * trees are walked side by side (children are matched by name, in order while the two
     * lists agree), so no index of the earlier snapshot is built; a subtree the tracking
     * reader handed over unchanged (the same object) is idle throughout.
     */
    private static void match(Group was, Group now, Map<GroupPath, Optional<GroupRates>> out, double seconds, int cpus) {
        if (was.inode() == now.inode()) {
            out.put(now.path(), was == now ? idle(now) : rates(was, now, seconds, cpus));
        }
        List<Group> before = was.children();
        List<Group> after = now.children();
        Map<String, Group> byName = null;
        int k = 0;
        for (Group c : after) {
            Group w = null;
            if (byName == null && k < before.size() && before.get(k).name().equals(c.name())) {
                w = before.get(k++);
            } else if (!before.isEmpty()) {
                if (byName == null) { // a group came or went here: match the rest by name
                    byName = new HashMap<>();
                    for (Group b : before) {
                        byName.put(b.name(), b);
                    }
                }
                w = byName.get(c.name());
            }
            if (w != null) {
                match(w, c, out, seconds, cpus);
            }
        }
    }

    private static Optional<GroupRates> rates(Group was, Group now, double seconds, int cpus) {
        OptionalDouble usecPerSec = perSecond(cpu(was, CpuUsage::usageUsec), cpu(now, CpuUsage::usageUsec), seconds);
        OptionalDouble core = scale(usecPerSec, 100.0 / 1e6);
        OptionalDouble rb = perSecond(io(was, IoUsage::readBytes), io(now, IoUsage::readBytes), seconds);
        OptionalDouble wb = perSecond(io(was, IoUsage::writeBytes), io(now, IoUsage::writeBytes), seconds);
        OptionalDouble ro = perSecond(io(was, IoUsage::readOps), io(now, IoUsage::readOps), seconds);
        OptionalDouble wo = perSecond(io(was, IoUsage::writeOps), io(now, IoUsage::writeOps), seconds);
        Optional<GroupRates> idle = idle(now);
        GroupRates i = idle.get();
        if (core.equals(i.cpuPercentOfCore()) && rb.equals(i.readBytesPerSecond()) && wb.equals(i.writeBytesPerSecond())
                && ro.equals(i.readOpsPerSecond()) && wo.equals(i.writeOpsPerSecond())) {
            return idle;
        }
        return Optional.of(new GroupRates(core, scale(core, 1.0 / Math.max(1, cpus)), rb, wb, ro, wo));
    }

    /** The rates of {@code g} against itself: zero for each counter it has, absent for the others. */
    private static Optional<GroupRates> idle(Group g) {
        int mask = bit(cpu(g, CpuUsage::usageUsec), 0) | bit(io(g, IoUsage::readBytes), 1)
                | bit(io(g, IoUsage::writeBytes), 2) | bit(io(g, IoUsage::readOps), 3) | bit(io(g, IoUsage::writeOps), 4);
        Optional<GroupRates> r = IDLE.get(mask);
        if (r == null) {
            r = Optional.of(new GroupRates(zeroIf(mask, 0), zeroIf(mask, 0), zeroIf(mask, 1), zeroIf(mask, 2),
                    zeroIf(mask, 3), zeroIf(mask, 4)));
            IDLE.compareAndSet(mask, null, r);
        }
        return r;
    }

    private static int bit(OptionalLong counter, int bit) {
        return counter.isPresent() ? 1 << bit : 0;
    }

    private static OptionalDouble zeroIf(int mask, int bit) {
        return (mask & 1 << bit) != 0 ? ZERO : OptionalDouble.empty();
    }

    private static OptionalLong cpu(Group g, Function<CpuUsage, OptionalLong> f) {
        Optional<CpuUsage> c = g.usage().cpu();
        return c.isPresent() ? f.apply(c.get()) : OptionalLong.empty();
    }

    private static OptionalLong io(Group g, Function<IoUsage, OptionalLong> f) {
        Optional<IoUsage> c = g.usage().io();
        return c.isPresent() ? f.apply(c.get()) : OptionalLong.empty();
    }

    static OptionalDouble perSecond(OptionalLong was, OptionalLong now, double seconds) {
        if (was.isEmpty() || now.isEmpty() || now.getAsLong() < was.getAsLong() || seconds <= 0) {
            return OptionalDouble.empty();
        }
        long delta = now.getAsLong() - was.getAsLong();
        return delta == 0 ? ZERO : OptionalDouble.of(delta / seconds);
    }

    private static OptionalDouble scale(OptionalDouble v, double factor) {
        return v.isEmpty() || v == ZERO ? v : OptionalDouble.of(v.getAsDouble() * factor);
    }
}
