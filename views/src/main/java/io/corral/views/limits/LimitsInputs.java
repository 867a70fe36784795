package io.corral.views.limits;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.model.sample.GroupKey;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.host.Hardware;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.usage.GroupUsage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Builds a {@link LimitsInput} from what the model read: for each hierarchy the selected
 * group lives in (one on cgroup2, several on v1), its limits and its ancestors' limits.
 * Pure: no I/O, callable on any thread.
 */
public final class LimitsInputs {
    private LimitsInputs() {
    }

    /**
     * The group in one hierarchy.
     *
     * @param ancestors the ancestors' limits, nearest first
     */
    public record InHierarchy(Hierarchy hierarchy, GroupPath path, GroupLimits own,
                              List<Map.Entry<GroupPath, GroupLimits>> ancestors) {
        public InHierarchy {
            ancestors = List.copyOf(ancestors);
        }
    }

    /**
     * The editor's input for the group at {@code path} in a snapshot: every hierarchy that has
     * the path, with its ancestors' limits (for the effective limit) and current usage.
     *
     * @param cpuCores CPU use of the group in cores (from the rates), if known
     */
    public static LimitsInput from(HostSnapshot snapshot, GroupPath path, OptionalDouble cpuCores, Hardware hardware) {
        return from(snapshot.hierarchies().stream().map(HierarchyTree::hierarchy).toList(),
                (h, p) -> snapshot.hierarchy(h.id()).flatMap(t -> t.find(p)), path, cpuCores, hardware);
    }

    /**
     * The same from the groups {@code find} looks up by hierarchy and path (e.g. a console
     * frame's index, instead of a walk of a tree of thousands of groups per lookup).
     */
    public static LimitsInput from(List<Hierarchy> hierarchies, BiFunction<Hierarchy, GroupPath, Optional<Group>> find,
                                   GroupPath path, OptionalDouble cpuCores, Hardware hardware) {
        List<InHierarchy> places = new ArrayList<>();
        OptionalLong memory = OptionalLong.empty();
        OptionalLong swap = OptionalLong.empty();
        OptionalLong pids = OptionalLong.empty();
        Optional<LimitUsage.Stall> cpuP = Optional.empty();
        Optional<LimitUsage.Stall> memP = Optional.empty();
        Optional<LimitUsage.Stall> ioP = Optional.empty();
        for (Hierarchy h : hierarchies) {
            Optional<Group> g = find.apply(h, path);
            if (g.isEmpty()) {
                continue;
            }
            List<Map.Entry<GroupPath, GroupLimits>> ancestors = new ArrayList<>();
            for (GroupPath p = path; !p.isRoot(); ) {
                p = p.parent();
                GroupPath at = p;
                find.apply(h, at).ifPresent(a -> ancestors.add(Map.entry(at, a.limits())));
            }
            places.add(new InHierarchy(h, path, g.get().limits(), ancestors));
            GroupUsage u = g.get().usage();
            if (memory.isEmpty() && u.memory().isPresent()) {
                memory = u.memory().get().currentBytes();
                swap = u.memory().get().swapBytes();
            }
            if (pids.isEmpty()) {
                pids = u.pidsCurrent();
            }
            cpuP = cpuP.or(() -> LimitUsage.stall(u.cpuPressure()));
            memP = memP.or(() -> LimitUsage.stall(u.memoryPressure()));
            ioP = ioP.or(() -> LimitUsage.stall(u.ioPressure()));
        }
        // v1 controllers first: on a hybrid host they are the ones bound (cgroup2 has only hugetlb).
        places.sort((a, b) -> Boolean.compare(a.hierarchy().isV2(), b.hierarchy().isV2()));
        return of(path.toString(), places, new LimitUsage(cpuCores, memory, swap, pids)
                .withPressure(cpuP, memP, ioP),
                hardware);
    }

    /**
     * Every knob whose controller one of the hierarchies has; where two hierarchies offer
     * the same knob (v1 and v2 on a hybrid host), the first in the list wins.
     */
    public static LimitsInput of(String displayName, List<InHierarchy> places, LimitUsage usage,
                                 Hardware host) {
        Map<Knob, KnobState> knobs = new EnumMap<>(Knob.class);
        for (InHierarchy p : places) {
            GroupKey key = new GroupKey(p.hierarchy().id(), p.path());
            for (Knob k : Knob.values()) {
                if (knobs.containsKey(k) || !k.appliesTo(p.hierarchy())) {
                    continue;
                }
                Optional<String> file = k.file(p.hierarchy().version());
                if (file.isEmpty()) {
                    continue;
                }
                Optional<Limit> limit = p.own().get(k);
                if (limit.isEmpty() && k == Knob.MEMORY_SWAP) {
                    continue; // no swap accounting (v1 memsw files missing) or no swap.max here
                }
                KnobState s = new KnobState(k, key, limit.map(Limit::file).orElse(file.get()),
                        limit.map(Limit::value),
                        limit.flatMap(l -> EffectiveLimit.tighterAncestor(k, l.value(), p.ancestors())));
                knobs.put(k, s);
            }
        }
        return new LimitsInput(displayName, knobs, usage, host);
    }
}
