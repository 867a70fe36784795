package io.corral.views.limits;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.views.state.GroupKey;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * Every knob whose controller one of the hierarchies has; where two hierarchies offer
     * the same knob (v1 and v2 on a hybrid host), the first in the list wins.
     */
    public static LimitsInput of(String displayName, List<InHierarchy> places, GroupUsage usage, HostShape host) {
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
