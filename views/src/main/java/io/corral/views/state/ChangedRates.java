package io.corral.views.state;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;

import java.util.ArrayList;
import java.util.List;

/**
 * The pairs of groups whose rates a frame must compute, and their rates by the model's
 * {@link Rates} (the one place that computes rates: same group only with the same inode,
 * a counter that went backwards is absent). A group handed over as the same object as in
 * the last snapshot has the same counters: its rates are zero (or absent) and need no
 * computing once known, so on an idle host of 30 000 groups a tick computes a handful.
 * {@link Rates#between} pairs trees by hierarchy and start path; here it gets two snapshots of just the
 * pairs (each group without its children, so a changed root does not bring its subtree),
 * with every process (for the tasks' CPU %).
 */
final class ChangedRates {
    private final List<HierarchyTree> before = new ArrayList<>();
    private final List<HierarchyTree> after = new ArrayList<>();

    /** Rates of {@code now} against {@code was} (a group in the last whole snapshot at the same path). */
    void add(Hierarchy h, Group was, Group now) {
        before.add(new HierarchyTree(h, alone(was)));
        after.add(new HierarchyTree(h, alone(now)));
    }

    int size() {
        return after.size();
    }

    Rates between(HostSnapshot previous, HostSnapshot snapshot) {
        return Rates.between(only(previous, before), only(snapshot, after));
    }

    private static HostSnapshot only(HostSnapshot s, List<HierarchyTree> trees) {
        // With the snapshot's reading times: a rate divides by the time between the readings
        // of its own hierarchy.
        return new HostSnapshot(s.taken(), s.monotonicNanos(), s.hostName(), s.kernelRelease(), s.cpuCount(),
                s.layout(), trees, s.processes(), List.of(), java.util.Set.of(), false, s.readNanos());
    }

    private static Group alone(Group g) {
        return g.children().isEmpty() ? g : g.withChildren(List.of());
    }
}
