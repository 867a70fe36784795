package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Limit;
import io.corral.model.usage.GroupUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One instance per value of the immutable parts of groups (limits, usage, pressure,
 * configuration, empty membership lists and the {@code Optional}s around them), so that the
 * thousands of groups a host has in each hierarchy, most of them idle with default limits,
 * do not each keep their own copy of the same values: the tracking sampler holds every
 * group of every hierarchy between ticks. Groups stay equal to what was read; only
 * identities are shared.
 *
 * <p>A cache of the values met last (two slots per hash, a new value takes the first and
 * moves the one there to the second): looking up allocates nothing, and it keeps at most {@link #SLOTS} values alive
 * however many distinct counters pass through it. Used only when a group was read again
 * (new objects): an idle group costs nothing here.
 *
 * <p>One sampler thread owns it.
 */
final class SharedParts {
    static final int SLOTS = 4096;

    private final Object[] slots = new Object[SLOTS];
    private long hits;
    private long misses;

    /** {@code g} with its parts replaced by equal ones met before (itself if none was replaced). */
    Group of(Group g) {
        Optional<List<Integer>> procs = ids(g.processes());
        Optional<List<Integer>> threads = ids(g.threads());
        Optional<List<String>> controllers = shared(g.controllers());
        Optional<List<String>> subtree = shared(g.subtreeControl());
        var type = shared(g.type());
        var freezer = shared(g.freezer());
        var populated = shared(g.populated());
        GroupLimits limits = limits(g.limits());
        GroupUsage usage = usage(g.usage());
        if (procs == g.processes() && threads == g.threads() && controllers == g.controllers()
                && subtree == g.subtreeControl() && type == g.type() && freezer == g.freezer()
                && populated == g.populated() && limits == g.limits() && usage == g.usage()) {
            return g;
        }
        return new Group(g.path(), g.inode(), procs, threads, controllers, subtree, type, freezer, populated, limits,
                usage, g.children());
    }

    /** Lookups that found an equal value, and ones that did not (for tests and benchmarks). */
    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    /**
     * Membership lists: only the empty one is shared. A busy group's list changes often and
     * can hold thousands of pids: kept in the cache, stale ones would add up (the task scan
     * already hands over an unchanged list as the same object).
     */
    private static Optional<List<Integer>> ids(Optional<List<Integer>> ids) {
        return ids.isPresent() && ids.get().isEmpty() && ids != NO_IDS ? NO_IDS : ids;
    }

    private static final Optional<List<Integer>> NO_IDS = Optional.of(List.of());

    private GroupUsage usage(GroupUsage u) {
        GroupUsage known = lookup(u);
        if (known != null) {
            return known;
        }
        // A new combination (an active group's counters): share what did not change with others.
        return keep(new GroupUsage(shared(u.cpu()), shared(u.memory()), shared(u.io()), shared(u.pidsCurrent()),
                shared(u.cpuPressure()), shared(u.memoryPressure()), shared(u.ioPressure())));
    }

    private GroupLimits limits(GroupLimits l) {
        GroupLimits known = lookup(l);
        if (known != null) {
            return known;
        }
        List<Limit> each = new ArrayList<>(l.asMap().size());
        l.asMap().values().forEach(x -> each.add(shared(x)));
        return keep(GroupLimits.of(each));
    }

    /** The equal value met before, or {@code v} (which then takes its slot). */
    private <T> T shared(T v) {
        T known = lookup(v);
        return known != null ? known : keep(v);
    }

    @SuppressWarnings("unchecked")
    private <T> T lookup(T v) {
        int i = slot(v);
        for (int j = i; j < i + 2; j++) {
            Object o = slots[j];
            if (o != null && (o == v || o.equals(v))) {
                hits++;
                return (T) o;
            }
        }
        misses++;
        return null;
    }

    /** {@code v} into the first of its two slots, the value there into the second. */
    private <T> T keep(T v) {
        int i = slot(v);
        slots[i + 1] = slots[i];
        slots[i] = v;
        return v;
    }

    /**
     * The first of two slots. The class counts: the many all-zero values (an idle group's
     * counters, pressure, {@code OptionalLong.of(0)}) all hash to 0.
     */
    private static int slot(Object v) {
        int h = (v.hashCode() ^ v.getClass().hashCode()) * 0x9E3779B9;
        return (h ^ h >>> 16) & (SLOTS - 2);
    }
}
