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
        Builder b = new Builder(seconds);
        if (seconds > 0) {
            // Trees are paired by hierarchy and start path: a whole snapshot holds one tree per
            // hierarchy (a console that computes only the changed groups uses of() and a Builder).
            for (HierarchyTree t : after.hierarchies()) {
                String id = t.hierarchy().id();
                for (HierarchyTree w : before.hierarchies()) {
                    if (w.hierarchy().id().equals(id) && w.root().path().equals(t.root().path())) {
                        match(w.root(), t.root(), b.paths(id), secondsOf(id, before, after), after.cpuCount());
                        break;
                    }
                }
            }
            b.processesBetween(before, after);
        }
        return b.build();
    }

    /**
     * Rates of one group between two readings of it, {@code seconds} apart: empty if it is
     * not the same group (another inode: removed and made again in between); each rate
     * absent if no time passed. The same object in both readings is idle (the tracking
     * reader hands a group over unchanged only if it read its rate counters again and found
     * them unchanged, {@link HotCounters}).
     *
     * @param cpus CPUs the kernel accounts time for ({@link HostSnapshot#cpuCount()})
     */
    public static Optional<GroupRates> of(Group was, Group now, double seconds, int cpus) {
        if (was.inode() != now.inode()) {
            return Optional.empty();
        }
        return was == now ? idle(now) : rates(was, now, seconds, cpus);
    }

    /**
     * Seconds between the readings of one hierarchy's groups in two snapshots (each
     * snapshot's {@link HostSnapshot#readNanos(String)}): what a group's rates divide by.
     *
     * <p>0 (no rates; a group handed over unchanged stays idle) when that time is not known to
     * within {@value #MAX_TIME_ERROR} of itself: a group was read somewhere within each
     * reading ({@link HostSnapshot#readTook}), so the time between its two readings is known
     * to within half of each reading's span. The console's first reading takes seconds on a
     * big host (every group read in full, the JIT cold) and the next one a few ms: a root group
     * read at the start of the first reading and a leaf at its end would otherwise get rates
     * off by the first reading's half span (164 % against 141 % here; 1225 % on 2 CPUs once).
     */
    public static double secondsOf(String hierarchyId, HostSnapshot before, HostSnapshot after) {
        return seconds(after.readNanos(hierarchyId) - before.readNanos(hierarchyId),
                before.readTook(hierarchyId) + after.readTook(hierarchyId));
    }

    /** The fraction of a rate's time that its readings may be off by before the rate is unknown. */
    public static final double MAX_TIME_ERROR = 0.1;

    private static double seconds(long nanos, long spans) {
        return spans / 2.0 > nanos * MAX_TIME_ERROR ? 0 : nanos / 1e9;
    }

    /**
     * CPU % of one core of a process between two readings {@code seconds} apart; empty if
     * it is not the same process (its start time differs: the pid was reused).
     */
    public static OptionalDouble processCpuPercent(ProcessInfo was, ProcessInfo now, double seconds) {
        if (was.startTicks() != now.startTicks()) {
            return OptionalDouble.empty();
        }
        OptionalDouble ticks = perSecond(OptionalLong.of(was.cpuTicks()), OptionalLong.of(now.cpuTicks()), seconds);
        return scale(ticks, 100.0 / ProcFs.TICKS_PER_SECOND);
    }

    /**
     * Rates put together by the caller: for a console that computes the rates of just the
     * groups that changed ({@link #of}) and keeps the others' from before.
     */
    public static final class Builder {
        private final double seconds;
        private final Map<String, Map<GroupPath, Optional<GroupRates>>> groups = new HashMap<>();
        private final Map<Integer, OptionalDouble> processCpu = new HashMap<>();
        private String lastId;
        private Map<GroupPath, Optional<GroupRates>> last;

        /** @param seconds between the two snapshots ({@link Rates#seconds()}) */
        public Builder(double seconds) {
            this.seconds = seconds;
        }

        /** The rates of the group at {@code path} of hierarchy {@code hierarchyId}. */
        public Builder group(String hierarchyId, GroupPath path, Optional<GroupRates> rates) {
            paths(hierarchyId).put(path, rates);
            return this;
        }

        /** The CPU % of every process of {@code after} that is the same process in {@code before}. */
        public Builder processesBetween(HostSnapshot before, HostSnapshot after) {
            double s = Rates.seconds(after.processesReadNanos() - before.processesReadNanos(),
                    before.readTook(HostSnapshot.PROCESSES) + after.readTook(HostSnapshot.PROCESSES));
            for (ProcessInfo now : after.processes().values()) {
                ProcessInfo was = before.processes().get(now.pid());
                if (was != null) { // a reused pid (another start time) gets no CPU %: processCpuPercent
                    processCpu.put(now.pid(), processCpuPercent(was, now, s));
                }
            }
            return this;
        }

        public Rates build() {
            return new Rates(seconds, groups, processCpu);
        }

        private Map<GroupPath, Optional<GroupRates>> paths(String hierarchyId) {
            if (!hierarchyId.equals(lastId)) { // pairs come hierarchy by hierarchy
                last = groups.computeIfAbsent(hierarchyId, k -> new HashMap<>());
                lastId = hierarchyId;
            }
            return last;
        }
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
            out.put(now.path(), of(was, now, seconds, cpus));
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
