package io.corral.views.limits;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Count;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.model.limit.LimitValue.Unlimited;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A group never gets more than its ancestors allow: the kernel charges every level, so the
 * effective memory.max, pids.max or CPU quota is the tightest on the path to the root.
 * This finds the ancestor that binds, for knobs where "tighter" is a plain comparison
 * (bytes, counts, quotas). Weights are relative, io limits are per device and cpusets have
 * their own {@code .effective} files: none of them is compared here.
 */
public final class EffectiveLimit {
    private EffectiveLimit() {
    }

    /**
     * @param own       this group's value
     * @param ancestors the ancestors' limits, nearest first (the root last)
     * @return the nearest ancestor whose value is tighter than {@code own} and than every
     *         ancestor nearer to the group
     */
    public static Optional<KnobState.AncestorLimit> tighterAncestor(Knob knob, LimitValue own,
                                                                    List<Map.Entry<GroupPath, GroupLimits>> ancestors) {
        if (!comparable(knob)) {
            return Optional.empty();
        }
        double best = magnitude(own).orElse(Double.POSITIVE_INFINITY);
        KnobState.AncestorLimit found = null;
        for (Map.Entry<GroupPath, GroupLimits> a : ancestors) {
            Optional<LimitValue> v = a.getValue().value(knob);
            if (v.isEmpty()) {
                continue;
            }
            OptionalDouble m = magnitude(v.get());
            if (m.isPresent() && m.getAsDouble() < best) {
                best = m.getAsDouble();
                found = new KnobState.AncestorLimit(a.getKey(), v.get());
            }
        }
        return Optional.ofNullable(found);
    }

    static boolean comparable(Knob knob) {
        return switch (knob.kind()) {
            case BYTES, COUNT, CPU_QUOTA -> true;
            default -> false;
        };
    }

    /** The size of a limit on one scale (bytes, count, cores); empty for unlimited. */
    static OptionalDouble magnitude(LimitValue v) {
        if (v instanceof Bytes b) {
            return OptionalDouble.of(b.bytes());
        }
        if (v instanceof Count c) {
            return OptionalDouble.of(c.count());
        }
        if (v instanceof CpuQuota q) {
            return OptionalDouble.of((double) q.quotaUsec() / q.periodUsec());
        }
        if (v instanceof Unlimited) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }
}
