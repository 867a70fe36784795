package io.corral.views.testing;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.sample.HostSnapshot;

import java.util.List;

/**
 * Snapshots made from others the way the tracking reader hands them over: a group that did
 * not change is the same object in the next snapshot.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /** {@code s} as if read {@code seconds} after {@code base} (rates need time to pass). */
    public static HostSnapshot later(HostSnapshot s, HostSnapshot base, int seconds) {
        return new HostSnapshot(s.taken(), base.monotonicNanos() + seconds * 1_000_000_000L, s.hostName(),
                s.kernelRelease(), s.cpuCount(), s.layout(), s.hierarchies(), s.processes(), s.problems());
    }

    /** {@code s} with the child of the first hierarchy's root at {@code g}'s path replaced by {@code g}. */
    public static HostSnapshot withChild(HostSnapshot s, Group g) {
        HierarchyTree t = s.hierarchies().get(0);
        List<Group> kids = t.root().children().stream().map(c -> c.path().equals(g.path()) ? g : c).toList();
        return new HostSnapshot(s.taken(), s.monotonicNanos(), s.hostName(), s.kernelRelease(), s.cpuCount(),
                s.layout(), List.of(new HierarchyTree(t.hierarchy(), t.root().withChildren(kids))), s.processes(),
                s.problems());
    }
}
