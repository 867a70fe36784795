package io.corral.model.sample;

import io.corral.model.cgroup.CgroupLayout;
import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.ProcessInfo;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole host at one instant: hierarchies with their group trees, processes, and the
 * read problems met on the way. Immutable; safe to hand to any thread.
 *
 * @param taken         wall-clock time of the reading
 * @param monotonicNanos {@link System#nanoTime()} at the reading, for rates
 * @param cpuCount      CPUs the kernel accounts time for (for "% of the machine")
 * @param processes     by pid; empty if the snapshot was read without processes
 */
public record HostSnapshot(Instant taken, long monotonicNanos, String hostName, String kernelRelease, int cpuCount,
                           CgroupLayout layout, List<HierarchyTree> hierarchies,
                           SortedMap<Integer, ProcessInfo> processes, List<ReadProblem> problems) {
    public HostSnapshot {
        Objects.requireNonNull(taken);
        Objects.requireNonNull(hostName);
        Objects.requireNonNull(kernelRelease);
        Objects.requireNonNull(layout);
        hierarchies = List.copyOf(hierarchies);
        processes = Collections.unmodifiableSortedMap(new TreeMap<>(processes));
        problems = List.copyOf(problems);
    }

    /** The tree of a hierarchy by id ({@code unified}, {@code cpu}, {@code name=systemd}). */
    public Optional<HierarchyTree> hierarchy(String id) {
        return hierarchies.stream().filter(t -> t.hierarchy().id().equals(id)).findFirst();
    }

    public Optional<Group> group(String hierarchyId, GroupPath path) {
        return hierarchy(hierarchyId).flatMap(t -> t.find(path));
    }

    public Optional<ProcessInfo> process(int pid) {
        return Optional.ofNullable(processes.get(pid));
    }
}
