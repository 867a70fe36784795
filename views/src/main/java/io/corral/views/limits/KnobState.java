package io.corral.views.limits;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.sample.GroupKey;

import java.util.Objects;
import java.util.Optional;

/**
 * One knob of the selected group as the editor shows it.
 *
 * @param knob    the knob
 * @param target  the group (in the hierarchy that has the knob's controller) a change is sent to
 * @param file    the interface file it maps to, e.g. {@code cpu.cfs_quota_us}
 * @param value   what the kernel holds now (absent: unreadable)
 * @param tighter the nearest ancestor whose limit is tighter than this group's own, if any
 */
public record KnobState(Knob knob, GroupKey target, String file, Optional<LimitValue> value,
                        Optional<AncestorLimit> tighter) {
    public KnobState {
        Objects.requireNonNull(knob);
        Objects.requireNonNull(target);
        Objects.requireNonNull(file);
        Objects.requireNonNull(value);
        Objects.requireNonNull(tighter);
    }

    /** An ancestor's limit that bounds this group more than its own. */
    public record AncestorLimit(GroupPath path, LimitValue value) {
    }
}
