package io.corral.views.state;

import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;

import io.corral.model.sample.GroupKey;

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
 * @param rates           rates between the previous snapshot and this one (absent on the first)
 */
public record ConsoleFrame(HostFacts host, List<HierarchyFrame> hierarchies, Instant takenAt, Duration refreshDuration,
                           Optional<HostSnapshot> snapshot, Optional<Rates> rates) {
    public ConsoleFrame {
        hierarchies = List.copyOf(hierarchies);
    }

    /** A frame without a model snapshot behind it (fixtures). */
    public ConsoleFrame(HostFacts host, List<HierarchyFrame> hierarchies, Instant takenAt, Duration refreshDuration) {
        this(host, hierarchies, takenAt, refreshDuration, Optional.empty(), Optional.empty());
    }

    public Optional<HierarchyFrame> hierarchy(String id) {
        return hierarchies.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    public Optional<GroupRow> group(GroupKey key) {
        return hierarchy(key.hierarchyId()).flatMap(h -> h.group(key.path()));
    }

    public int groupCount() {
        return hierarchies.stream().mapToInt(HierarchyFrame::size).sum();
    }
}
