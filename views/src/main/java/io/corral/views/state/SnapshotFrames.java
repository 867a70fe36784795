package io.corral.views.state;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.command.SystemdUnits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.proc.ProcessInfo;
import io.corral.model.sample.GroupKey;
import io.corral.model.sample.GroupRates;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.model.usage.GroupUsage;
import io.corral.model.usage.MemoryUsage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Turns the model's snapshots into console frames, on the sampler thread (so the FX thread
 * only swaps one immutable value). Keeps the previous snapshot to compute rates with the
 * model's {@link Rates}. One instance per sampler; not for concurrent use.
 */
public final class SnapshotFrames {
    private final Duration interval;
    private final java.util.function.Function<HostSnapshot, Privileges> privileges;
    private HostSnapshot previous;
    /**
     * The rows of the last whole frame, with what they were made from. The tracking reader
     * hands over the same {@link Group} object for a group that did not change; such a
     * group with the same rates and tasks gets the same row again: at 5000 groups (30 000
     * rows) a frame otherwise made ~30 000 new rows per second, which survived into the old
     * generation (two frames are alive at a time) and kept the collector busy.
     */
    private final Map<GroupKey, Made> made = new HashMap<>();
    private long frameNumber;

    private static final class Made {
        Group group;
        Optional<GroupRates> rates;
        GroupRow row;
        long frame;
    }
    /** Whether a systemd unit's group is delegated (its xattrs); without a reader, none is. */
    private java.util.function.BiPredicate<io.corral.model.cgroup.Hierarchy, io.corral.model.cgroup.GroupPath>
            delegated = (h, p) -> false;

    public SnapshotFrames(Duration interval, Privileges privileges) {
        this(interval, s -> privileges);
    }

    /** @param privileges per snapshot (e.g. a {@link PrivilegeSource}: delegation can change) */
    public SnapshotFrames(Duration interval, java.util.function.Function<HostSnapshot, Privileges> privileges) {
        this.interval = interval;
        this.privileges = privileges;
    }

    /** Reads delegation of systemd units' groups with {@code delegated} (e.g. model SystemdUnits). */
    public SnapshotFrames readingDelegation(java.util.function.BiPredicate<io.corral.model.cgroup.Hierarchy,
            io.corral.model.cgroup.GroupPath> delegated) {
        this.delegated = java.util.Objects.requireNonNull(delegated);
        return this;
    }

    /**
     * Privileges of this JVM by its effective uid (not {@code user.name}): root, or read-only
     * with the reason (without per-group verdicts: for fixture hosts; the live console uses
     * a {@link PrivilegeSource}).
     */
    public static Privileges currentPrivileges() {
        io.corral.model.privilege.Privileges p = io.corral.model.privilege.Privileges.ofThisProcess(
                io.corral.model.kernel.CgroupFs.live());
        return p.isRoot() ? Privileges.asRoot()
                : Privileges.readOnly("not running as root (uid " + p.uid() + "); use administrative access to change groups");
    }

    /**
     * @param snapshot the newest snapshot
     * @param readTook how long reading it took (the status bar's "last refresh")
     */
    public ConsoleFrame next(HostSnapshot snapshot, Duration readTook) {
        // Partial snapshots (the first reading, in phases) neither get rates nor give them:
        // they are the same instant as the whole snapshot that follows.
        Optional<Rates> rates = previous == null || snapshot.partial() ? Optional.empty()
                : Optional.of(Rates.between(previous, snapshot));
        if (!snapshot.partial()) {
            previous = snapshot;
        }
        Map<Integer, TaskRow> tasks = new HashMap<>();
        List<HierarchyFrame> hierarchies = new ArrayList<>();
        frameNumber++;
        for (HierarchyTree t : snapshot.hierarchies()) {
            List<GroupRow> rows = new ArrayList<>();
            for (Group g : t.root().flatten()) {
                rows.add(snapshot.partial() ? row(t, g, snapshot, rates, tasks) : reused(t, g, snapshot, rates, tasks));
            }
            hierarchies.add(new HierarchyFrame(t.hierarchy(), rows));
        }
        if (!snapshot.partial()) {
            made.values().removeIf(m -> m.frame != frameNumber);
        }
        boolean systemdIsInit = snapshot.process(1).map(p -> p.comm().equals("systemd")).orElse(false);
        HostFacts host = new HostFacts(snapshot.hostName(), snapshot.kernelRelease(), snapshot.layout(), interval,
                privileges.apply(snapshot), systemdIsInit);
        return new ConsoleFrame(host, hierarchies, snapshot.taken(), readTook, Optional.of(snapshot), rates);
    }

    /** The row of the last whole frame if nothing it shows changed, else a new one. */
    private GroupRow reused(HierarchyTree t, Group g, HostSnapshot s, Optional<Rates> rates, Map<Integer, TaskRow> tasks) {
        GroupKey key = new GroupKey(t.hierarchy().id(), g.path());
        Optional<GroupRates> r = rates.flatMap(x -> x.group(key));
        Made m = made.get(key);
        if (m != null && m.group == g && m.rates.equals(r) && g.processes().map(List::isEmpty).orElse(true)) {
            m.frame = frameNumber;
            return m.row;
        }
        GroupRow row = row(t, g, s, rates, tasks);
        if (m != null && m.row.equals(row)) {
            row = m.row;
        } else if (m == null) {
            m = new Made();
            made.put(key, m);
        }
        m.group = g;
        m.rates = r;
        m.row = row;
        m.frame = frameNumber;
        return row;
    }

    private GroupRow row(HierarchyTree t, Group g, HostSnapshot s, Optional<Rates> rates,
                         Map<Integer, TaskRow> tasks) {
        GroupKey key = new GroupKey(t.hierarchy().id(), g.path());
        List<TaskRow> members = new ArrayList<>();
        for (int pid : g.processes().orElse(List.of())) {
            TaskRow row = tasks.computeIfAbsent(pid, p -> s.process(p).map(info -> task(info, rates)).orElse(null));
            if (row != null) {
                members.add(row);
            }
        }
        Optional<GroupRates> r = rates.flatMap(x -> x.group(key));
        GroupUsage u = g.usage();
        OptionalDouble io = r.map(x -> sum(x.readBytesPerSecond(), x.writeBytesPerSecond())).orElse(OptionalDouble.empty());
        String name = g.path().name();
        boolean unit = !g.path().isRoot() && SystemdUnits.isUnitName(name);
        GroupRow.Known known = s.namesOnly(key.hierarchyId()) ? GroupRow.Known.NAME
                : s.partial() ? GroupRow.Known.WITHOUT_TASKS : GroupRow.Known.ALL;
        return new GroupRow(key, t.hierarchy().version(), members,
                r.map(GroupRates::cpuPercentOfCore).orElse(OptionalDouble.empty()),
                u.memory().map(MemoryUsage::currentBytes).orElse(OptionalLong.empty()),
                bytes(g.limits().value(Knob.MEMORY_MAX)), io, u.pidsCurrent(),
                count(g.limits().value(Knob.PIDS_MAX)), g.freezer(),
                g.type().map(GroupType::parse).orElse(GroupType.DOMAIN),
                g.subtreeControl().orElse(List.of()), g.controllers().orElse(List.of()), unit,
                unit && delegated.test(t.hierarchy(), g.path()), known);
    }

    private static TaskRow task(ProcessInfo p, Optional<Rates> rates) {
        // One line per row: arguments may hold newlines (sh -c scripts), which would make
        // rows tall and the table hard to scan.
        String command = (p.cmdline().isEmpty() ? p.comm() : p.commandLine()).replaceAll("\\s+", " ");
        if (command.length() > 160) {
            command = command.substring(0, 160) + "\u2026";
        }
        OptionalDouble cpu = rates.map(r -> r.processCpuPercent(p.pid())).orElse(OptionalDouble.empty());
        return new TaskRow(p.pid(), command, p.user().orElse(Integer.toString(p.uid())),
                String.valueOf(p.state().letter()), cpu, p.rssBytes(), p.threads(), p.kernelThread(),
                Optional.empty());
    }

    private static OptionalDouble sum(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty() && b.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(a.orElse(0) + b.orElse(0));
    }

    /** A byte limit; "max" (unlimited) is absent. */
    private static OptionalLong bytes(Optional<LimitValue> v) {
        return v.filter(x -> x instanceof LimitValue.Bytes).map(x -> OptionalLong.of(((LimitValue.Bytes) x).bytes()))
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong count(Optional<LimitValue> v) {
        return v.filter(x -> x instanceof LimitValue.Count).map(x -> OptionalLong.of(((LimitValue.Count) x).count()))
                .orElse(OptionalLong.empty());
    }
}
