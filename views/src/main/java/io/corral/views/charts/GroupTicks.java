package io.corral.views.charts;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.sample.GroupKey;
import io.corral.model.sample.GroupRates;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.model.usage.GroupUsage;
import io.corral.model.usage.MemoryUsage;
import io.corral.model.usage.Pressure;

import io.corral.views.state.ConsoleFrame;
import io.corral.views.state.HierarchyFrame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a snapshot and its rates into one {@link GroupTick} per group path. A group at one
 * path may live in several hierarchies (v1: cpu, cpuacct, memory, pids...; hybrid: plus the
 * unified one, which has the PSI files): the tick takes each number from the hierarchy
 * that has its controller. The identity is the path plus every hierarchy's inode, so a
 * group removed and recreated under the same path starts a new history.
 */
public final class GroupTicks {
    private GroupTicks() {
    }

    private record Place(Hierarchy hierarchy, Group group, Optional<GroupRates> rates) {
    }

    /** Every group of a snapshot (tests and small hosts; the console asks a frame for the paths it keeps). */
    public static List<GroupTick> of(HostSnapshot snapshot, Rates rates) {
        Map<GroupPath, List<Place>> byPath = new LinkedHashMap<>();
        for (HierarchyTree t : snapshot.hierarchies()) {
            for (Group g : t.root().flatten()) {
                byPath.computeIfAbsent(g.path(), p -> new ArrayList<>()).add(new Place(t.hierarchy(), g,
                        rates.group(new GroupKey(t.hierarchy().id(), g.path()))));
            }
        }
        double time = snapshot.monotonicNanos() / 1e9;
        List<GroupTick> out = new ArrayList<>(byPath.size());
        byPath.forEach((path, places) -> out.add(tick(path, places, time)));
        return out;
    }

    /**
     * The ticks of the groups at {@code paths} in a frame made from a snapshot (a path no
     * hierarchy has gets none): the charts keep a history for a hundred-odd groups, so the
     * console makes ticks for those, not for every group of a big host each second.
     */
    public static Map<GroupPath, GroupTick> of(ConsoleFrame frame, Collection<GroupPath> paths) {
        Map<GroupPath, GroupTick> out = new LinkedHashMap<>();
        if (frame.snapshot().isEmpty()) {
            return out;
        }
        double time = frame.snapshot().get().monotonicNanos() / 1e9;
        for (GroupPath path : paths) {
            List<Place> places = places(frame, path);
            if (!places.isEmpty()) {
                out.put(path, tick(path, places, time));
            }
        }
        return out;
    }

    /** Up to {@code count} paths of the frame not in {@code except}, in the frame's order (hierarchies, then depth first). */
    public static List<GroupPath> firstPaths(ConsoleFrame frame, Set<GroupPath> except, int count) {
        Set<GroupPath> out = new LinkedHashSet<>();
        for (HierarchyFrame h : frame.hierarchies()) {
            for (int slot = 0; slot < h.size() && out.size() < count; slot++) {
                GroupPath p = h.index().path(slot);
                if (!except.contains(p) && h.modelGroup(p).isPresent()) {
                    out.add(p);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Place> places(ConsoleFrame frame, GroupPath path) {
        List<Place> places = new ArrayList<>(frame.hierarchies().size());
        for (HierarchyFrame h : frame.hierarchies()) {
            h.modelGroup(path).ifPresent(g -> places.add(new Place(h.hierarchy(), g, h.rates(path))));
        }
        return places;
    }

    /** The identity {@link #of} gives the group at {@code path}; empty if no hierarchy has it. */
    public static Optional<String> identity(HostSnapshot snapshot, GroupPath path) {
        List<Place> places = new ArrayList<>();
        for (HierarchyTree t : snapshot.hierarchies()) {
            t.find(path).ifPresent(g -> places.add(new Place(t.hierarchy(), g, Optional.empty())));
        }
        return places.isEmpty() ? Optional.empty() : Optional.of(identity(path, places));
    }

    /** The identity {@link #of(ConsoleFrame, Collection)} gives the group at {@code path}; empty if no hierarchy has it. */
    public static Optional<String> identity(ConsoleFrame frame, GroupPath path) {
        List<Place> places = places(frame, path);
        return places.isEmpty() ? Optional.empty() : Optional.of(identity(path, places));
    }

    private static String identity(GroupPath path, List<Place> places) {
        StringBuilder sb = new StringBuilder(path.toString());
        places.stream().sorted(Comparator.comparing(p -> p.hierarchy().id()))
                .forEach(p -> sb.append(' ').append(p.hierarchy().id()).append('#').append(p.group().inode()));
        return sb.toString();
    }

    private static GroupTick tick(GroupPath path, List<Place> places, double time) {
        Function<Place, Optional<GroupRates>> rate = Place::rates;
        OptionalDouble cpu = first(places, has("cpuacct").or(p -> p.hierarchy().isV2()).or(has("cpu")),
                p -> rate.apply(p).map(GroupRates::cpuPercentOfCore).orElse(OptionalDouble.empty()));
        OptionalDouble quota = firstLimit(places, Knob.CPU_QUOTA).map(v -> v instanceof LimitValue.CpuQuota q
                ? OptionalDouble.of(100.0 * q.quotaUsec() / q.periodUsec()) : OptionalDouble.empty())
                .orElse(OptionalDouble.empty());
        OptionalLong throttled = firstLong(places, p -> p.group().usage().cpu()
                .map(c -> c.throttledPeriods()).orElse(OptionalLong.empty()));
        Optional<MemoryUsage> mem = places.stream().map(p -> p.group().usage().memory()).flatMap(Optional::stream)
                .filter(m -> m.currentBytes().isPresent()).findFirst();
        OptionalDouble read = first(places, p -> true,
                p -> rate.apply(p).map(GroupRates::readBytesPerSecond).orElse(OptionalDouble.empty()));
        OptionalDouble write = first(places, p -> true,
                p -> rate.apply(p).map(GroupRates::writeBytesPerSecond).orElse(OptionalDouble.empty()));
        OptionalLong pids = firstLong(places, p -> p.group().usage().pidsCurrent());
        return new GroupTick(identity(path, places), time,
                new GroupTick.Cpu(nan(cpu), quota, throttled),
                new GroupTick.Memory(mem.map(m -> (double) m.currentBytes().getAsLong()).orElse(Double.NaN),
                        bytes(firstLimit(places, Knob.MEMORY_MAX)), bytes(firstLimit(places, Knob.MEMORY_HIGH)),
                        event(mem, "high"), mem.map(m -> m.events().containsKey("max") ? event(mem, "max")
                        : m.failcnt()).orElse(OptionalLong.empty()), event(mem, "oom")),
                new GroupTick.Io(nan(read), nan(write)),
                new GroupTick.Pids(pids.isPresent() ? pids.getAsLong() : Double.NaN,
                        count(firstLimit(places, Knob.PIDS_MAX))),
                pressure(places));
    }

    private static GroupTick.Pressure pressure(List<Place> places) {
        Optional<Pressure> c = first(places, u -> u.cpuPressure());
        Optional<Pressure> m = first(places, u -> u.memoryPressure());
        Optional<Pressure> i = first(places, u -> u.ioPressure());
        return new GroupTick.Pressure(some(c), full(c), some(m), full(m), some(i), full(i));
    }

    private static double some(Optional<Pressure> p) {
        return p.map(x -> x.some().avg10()).orElse(Double.NaN);
    }

    private static double full(Optional<Pressure> p) {
        return p.flatMap(Pressure::full).map(Pressure.Line::avg10).orElse(Double.NaN);
    }

    private static OptionalLong event(Optional<MemoryUsage> m, String key) {
        return m.map(u -> u.events().containsKey(key) ? OptionalLong.of(u.events().get(key)) : OptionalLong.empty())
                .orElse(OptionalLong.empty());
    }

    private static Predicate<Place> has(String controller) {
        return p -> p.hierarchy().has(controller);
    }

    private static OptionalDouble first(List<Place> places, Predicate<Place> preferred,
                                        Function<Place, OptionalDouble> value) {
        for (Place p : places) {
            if (preferred.test(p) && value.apply(p).isPresent()) {
                return value.apply(p);
            }
        }
        for (Place p : places) {
            if (value.apply(p).isPresent()) {
                return value.apply(p);
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalLong firstLong(List<Place> places, Function<Place, OptionalLong> value) {
        for (Place p : places) {
            OptionalLong v = value.apply(p);
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<LimitValue> firstLimit(List<Place> places, Knob knob) {
        for (Place p : places) { // loops, not streams: ticks are made on the FX thread
            Optional<LimitValue> v = p.group().limits().value(knob);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static <T> Optional<T> first(List<Place> places, Function<GroupUsage, Optional<T>> value) {
        for (Place p : places) {
            Optional<T> v = value.apply(p.group().usage());
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static OptionalDouble bytes(Optional<LimitValue> v) {
        return v.filter(LimitValue.Bytes.class::isInstance)
                .map(b -> OptionalDouble.of(((LimitValue.Bytes) b).bytes())).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble count(Optional<LimitValue> v) {
        return v.filter(LimitValue.Count.class::isInstance)
                .map(b -> OptionalDouble.of(((LimitValue.Count) b).count())).orElse(OptionalDouble.empty());
    }

    private static double nan(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : Double.NaN;
    }
}
