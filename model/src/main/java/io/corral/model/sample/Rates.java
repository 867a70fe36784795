package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.proc.ProcessInfo;
import io.corral.model.proc.ProcFs;
import io.corral.model.usage.CpuUsage;
import io.corral.model.usage.IoUsage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
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
    private final double seconds;
    private final Map<GroupKey, GroupRates> groups;
    private final Map<Integer, OptionalDouble> processCpu;

    private Rates(double seconds, Map<GroupKey, GroupRates> groups, Map<Integer, OptionalDouble> processCpu) {
        this.seconds = seconds;
        this.groups = Collections.unmodifiableMap(groups);
        this.processCpu = Collections.unmodifiableMap(processCpu);
    }

    public static Rates between(HostSnapshot before, HostSnapshot after) {
        double seconds = (after.monotonicNanos() - before.monotonicNanos()) / 1e9;
        Map<GroupKey, GroupRates> g = new HashMap<>();
        Map<Integer, OptionalDouble> p = new HashMap<>();
        if (seconds > 0) {
            Map<GroupKey, Group> old = index(before);
            for (HierarchyTree t : after.hierarchies()) {
                String id = t.hierarchy().id();
                double hierarchySeconds = (after.readNanos(id) - before.readNanos(id)) / 1e9;
                for (Group now : t.root().flatten()) {
                    GroupKey key = new GroupKey(id, now.path());
                    Group was = old.get(key);
                    if (was != null && was.inode() == now.inode()) {
                        g.put(key, rates(was, now, hierarchySeconds, after.cpuCount()));
                    }
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
        return Optional.ofNullable(groups.get(key));
    }

    /** CPU % of one core of a process present in both snapshots as the same process. */
    public OptionalDouble processCpuPercent(int pid) {
        return processCpu.getOrDefault(pid, OptionalDouble.empty());
    }

    private static Map<GroupKey, Group> index(HostSnapshot s) {
        Map<GroupKey, Group> m = new HashMap<>();
        for (HierarchyTree t : s.hierarchies()) {
            for (Group g : t.root().flatten()) {
                m.put(new GroupKey(t.hierarchy().id(), g.path()), g);
            }
        }
        return m;
    }

    private static GroupRates rates(Group was, Group now, double seconds, int cpus) {
        OptionalDouble usecPerSec = perSecond(cpu(was, CpuUsage::usageUsec), cpu(now, CpuUsage::usageUsec), seconds);
        OptionalDouble core = scale(usecPerSec, 100.0 / 1e6);
        OptionalDouble machine = scale(core, 1.0 / Math.max(1, cpus));
        return new GroupRates(core, machine,
                perSecond(io(was, IoUsage::readBytes), io(now, IoUsage::readBytes), seconds),
                perSecond(io(was, IoUsage::writeBytes), io(now, IoUsage::writeBytes), seconds),
                perSecond(io(was, IoUsage::readOps), io(now, IoUsage::readOps), seconds),
                perSecond(io(was, IoUsage::writeOps), io(now, IoUsage::writeOps), seconds));
    }

    private static OptionalLong cpu(Group g, Function<CpuUsage, OptionalLong> f) {
        return g.usage().cpu().map(f).orElse(OptionalLong.empty());
    }

    private static OptionalLong io(Group g, Function<IoUsage, OptionalLong> f) {
        return g.usage().io().map(f).orElse(OptionalLong.empty());
    }

    static OptionalDouble perSecond(OptionalLong was, OptionalLong now, double seconds) {
        if (was.isEmpty() || now.isEmpty() || now.getAsLong() < was.getAsLong() || seconds <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((now.getAsLong() - was.getAsLong()) / seconds);
    }

    private static OptionalDouble scale(OptionalDouble v, double factor) {
        return v.isPresent() ? OptionalDouble.of(v.getAsDouble() * factor) : v;
    }
}
