package io.corral.views.state;

import io.corral.model.sample.GroupKey;
import io.corral.model.sample.GroupRates;
import io.corral.model.sample.HostSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the console shows at one refresh: one immutable value built from one model
 * snapshot off the FX thread, so every view sees the same instant.
 *
 * @param host            host facts
 * @param hierarchies     every mounted hierarchy, v2 first
 * @param takenAt         when the snapshot was taken
 * @param refreshDuration how long reading the kernel took for this snapshot
 * @param snapshot        the model snapshot this frame shows (absent for frames built by tests)
 * @param hasRates        rates between the previous whole snapshot and this one are known (not on
 *                        the first, nor on partial ones): see {@link #rates(GroupKey)}
 */
public record ConsoleFrame(HostFacts host, List<HierarchyFrame> hierarchies, Instant takenAt, Duration refreshDuration,
                           Optional<HostSnapshot> snapshot, boolean hasRates) {
    public ConsoleFrame {
        hierarchies = List.copyOf(hierarchies);
    }

    /** A frame without a model snapshot behind it (fixtures). */
    public ConsoleFrame(HostFacts host, List<HierarchyFrame> hierarchies, Instant takenAt, Duration refreshDuration) {
        this(host, hierarchies, takenAt, refreshDuration, Optional.empty(), false);
    }

    /**
     * A frame is one instant: equal only to itself. (The frame property compares old and new
     * value on every hand-over; the record's equals was seen comparing the snapshots.)
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    public Optional<HierarchyFrame> hierarchy(String id) {
        return hierarchies.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    public Optional<GroupRow> group(GroupKey key) {
        return hierarchy(key.hierarchyId()).flatMap(h -> h.group(key.path()));
    }

    /** Rates of a group between the previous whole snapshot and this one (absent: none known, new or recreated group). */
    public Optional<GroupRates> rates(GroupKey key) {
        return hierarchy(key.hierarchyId()).flatMap(h -> h.rates(key.path()));
    }

    public int groupCount() {
        return hierarchies.stream().mapToInt(HierarchyFrame::size).sum();
    }
}
