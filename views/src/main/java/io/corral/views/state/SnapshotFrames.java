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
 * only swaps one immutable value). Keeps, per hierarchy, what the last whole frame was made
 * from ({@link HierarchyRows}) and patches it: at 5000 groups in six hierarchies (30 000
 * rows) a frame used to build maps, rates and rows for every group each second, and those
 * lived across a tick into the old generation. Now a group the tracking reader hands over as
 * the same {@link Group} object keeps its rates and its row object, and a frame is a few
 * arrays indexed by the groups' slots ({@link GroupIndex}, shared while no group came or
 * went). One instance per sampler; not for concurrent use.
 */
public final class SnapshotFrames {
    private final Duration interval;
    private final java.util.function.Function<HostSnapshot, Privileges> privileges;
    private HostSnapshot previous;
    private final Map<String, HierarchyRows> hierarchyRows = new HashMap<>();
    /** The processes of the last whole frame: an unchanged process keeps its row object (and its command text). */
    private Map<Integer, Shown> lastTasks = new HashMap<>();

    private record Shown(ProcessInfo from, TaskRow row) {
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
        boolean whole = !snapshot.partial();
        List<HierarchyRows> walked = new ArrayList<>(snapshot.hierarchies().size());
        for (HierarchyTree t : snapshot.hierarchies()) {
            HierarchyRows h = hierarchyRows.computeIfAbsent(t.hierarchy().id(), HierarchyRows::new);
            h.walk(t);
            walked.add(h);
        }
        Optional<Rates> rates = whole && previous != null ? Optional.of(changedRates(snapshot, walked)) : Optional.empty();
        Map<Integer, Shown> tasks = new HashMap<>(lastTasks.size() * 2);
        List<HierarchyFrame> hierarchies = new ArrayList<>(walked.size());
        for (int i = 0; i < walked.size(); i++) {
            HierarchyTree t = snapshot.hierarchies().get(i);
            hierarchies.add(whole ? patched(t, walked.get(i), snapshot, rates, tasks)
                    : partial(t, walked.get(i), snapshot, tasks));
        }
        if (whole) {
            previous = snapshot;
            lastTasks = tasks;
            hierarchyRows.keySet().retainAll(snapshot.hierarchies().stream().map(t -> t.hierarchy().id()).toList());
        }
        boolean systemdIsInit = snapshot.process(1).map(p -> p.comm().equals("systemd")).orElse(false);
        HostFacts host = new HostFacts(snapshot.hostName(), snapshot.kernelRelease(), snapshot.layout(), interval,
                privileges.apply(snapshot), systemdIsInit);
        return new ConsoleFrame(host, hierarchies, snapshot.taken(), readTook, Optional.of(snapshot), rates.isPresent());
    }

    /**
     * Rates of the groups that changed since the last whole snapshot, or whose rates came
     * from a change (they are zero now); the others keep theirs.
     */
    private Rates changedRates(HostSnapshot snapshot, List<HierarchyRows> walked) {
        ChangedRates pairs = new ChangedRates();
        boolean timePassed = snapshot.monotonicNanos() > previous.monotonicNanos();
        for (int i = 0; i < walked.size(); i++) {
            HierarchyRows h = walked.get(i);
            for (int slot = 0; slot < h.index().size(); slot++) {
                Group was = h.was[slot];
                Group now = h.now(slot);
                if (was != null && now != null && (was != now || !h.steady[slot] || !timePassed)) {
                    pairs.add(snapshot.hierarchies().get(i).hierarchy(), was, now);
                }
            }
        }
        return pairs.between(previous, snapshot);
    }

    /** A whole snapshot's hierarchy: unchanged groups keep their rates and rows; the state moves on. */
    private HierarchyFrame patched(HierarchyTree t, HierarchyRows h, HostSnapshot s, Optional<Rates> rates,
                                   Map<Integer, Shown> tasks) {
        GroupIndex index = h.index();
        int n = index.size();
        GroupRow[] rows = new GroupRow[n];
        GroupRates[] frameRates = new GroupRates[n];
        for (int slot = 0; slot < n; slot++) {
            Group was = h.was[slot];
            Group now = h.now(slot);
            GroupRates r = null;
            boolean computed = rates.isPresent() && was != null && now != null
                    && (was != now || !h.steady[slot] || rates.get().seconds() <= 0);
            if (computed) {
                r = rates.get().group(index.key(slot)).orElse(null);
                if (r != null && r.equals(h.rates[slot])) {
                    r = h.rates[slot];
                }
            } else if (rates.isPresent() && was == now) {
                r = h.rates[slot];
            }
            GroupRow old = h.rows[slot];
            GroupRow row;
            if (old != null && was == now && r == h.rates[slot] && old.tasksKnown()
                    && (now == null || now.processes().isEmpty() || now.processes().get().isEmpty())) {
                row = old;
            } else {
                row = now == null ? GroupRow.bare(index.key(slot), t.hierarchy().version())
                        : row(t, index.key(slot), now, s, Optional.ofNullable(r), rates, tasks);
                if (row.equals(old)) {
                    row = old;
                }
            }
            h.steady[slot] = r != null && was == now && (computed || h.steady[slot]);
            h.was[slot] = now;
            h.rates[slot] = r;
            h.rows[slot] = row;
            rows[slot] = row;
            frameRates[slot] = r;
        }
        return new HierarchyFrame(t.hierarchy(), index, rows, h.groups(), frameRates);
    }

    /** A partial snapshot's hierarchy: rows made afresh, no rates; the state of the last whole frame stays. */
    private HierarchyFrame partial(HierarchyTree t, HierarchyRows h, HostSnapshot s, Map<Integer, Shown> tasks) {
        GroupIndex index = h.index();
        GroupRow[] rows = new GroupRow[index.size()];
        for (int slot = 0; slot < rows.length; slot++) {
            Group g = h.now(slot);
            rows[slot] = g == null ? GroupRow.bare(index.key(slot), t.hierarchy().version())
                    : row(t, index.key(slot), g, s, Optional.empty(), Optional.empty(), tasks);
        }
        return new HierarchyFrame(t.hierarchy(), index, rows, h.groups(), new GroupRates[rows.length]);
    }

    private GroupRow row(HierarchyTree t, GroupKey key, Group g, HostSnapshot s, Optional<GroupRates> r,
                         Optional<Rates> rates, Map<Integer, Shown> tasks) {
        List<TaskRow> members = new ArrayList<>();
        for (int pid : g.processes().orElse(List.of())) {
            Shown shown = tasks.computeIfAbsent(pid, p -> s.process(p).map(info -> task(info, rates)).orElse(null));
            if (shown != null) {
                members.add(shown.row());
            }
        }
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

    private Shown task(ProcessInfo p, Optional<Rates> rates) {
        Shown last = lastTasks.get(p.pid());
        boolean sameCommand = last != null && last.from().comm().equals(p.comm())
                && last.from().cmdline().equals(p.cmdline());
        String command = sameCommand ? last.row().command() : command(p);
        OptionalDouble cpu = rates.map(r -> r.processCpuPercent(p.pid())).orElse(OptionalDouble.empty());
        TaskRow row = new TaskRow(p.pid(), command, p.user().orElseGet(() -> Integer.toString(p.uid())),
                String.valueOf(p.state().letter()), cpu, p.rssBytes(), p.threads(), p.kernelThread(),
                Optional.empty());
        return new Shown(p, last != null && row.equals(last.row()) ? last.row() : row);
    }

    private static String command(ProcessInfo p) {
        // One line per row: arguments may hold newlines (sh -c scripts), which would make
        // rows tall and the table hard to scan.
        String command = (p.cmdline().isEmpty() ? p.comm() : p.commandLine()).replaceAll("\\s+", " ");
        return command.length() > 160 ? command.substring(0, 160) + "\u2026" : command;
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
