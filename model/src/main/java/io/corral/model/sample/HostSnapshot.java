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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * @param namesOnly     ids of the hierarchies whose trees hold group names only (read by a
 *                      quick directory walk; membership, usage, limits not read yet: absent)
 * @param partial       published while its reading goes on (the console's first reading comes
 *                      in phases: names, then each hierarchy's groups, then processes); a
 *                      partial snapshot's empty process map means "not read yet", not "none"
 * @param readNanos     {@link System#nanoTime()} in the middle of reading each hierarchy's
 *                      groups (by id) and the processes ({@link #PROCESSES}): on a big or
 *                      busy host one reading takes seconds, so a rate between two readings
 *                      must divide by the time between the readings of THAT hierarchy, not
 *                      between the starts of the snapshots (a root group read 5 s after the
 *                      start of a slow reading showed 1225 % CPU on 2 CPUs). Missing entries
 *                      fall back to {@code monotonicNanos}.
 * @param readTook      nanoseconds each of those readings took (by the same keys): a group
 *                      was read at some instant within it, so a rate's time is known only
 *                      to within half of each reading's span (see {@link Rates#secondsOf});
 *                      missing entries count as instant
 */
public record HostSnapshot(Instant taken, long monotonicNanos, String hostName, String kernelRelease, int cpuCount,
                           CgroupLayout layout, List<HierarchyTree> hierarchies,
                           SortedMap<Integer, ProcessInfo> processes, List<ReadProblem> problems,
                           Set<String> namesOnly, boolean partial, Map<String, Long> readNanos,
                           Map<String, Long> readTook) {
    /** The {@link #readNanos} key of the processes (no hierarchy id contains a space). */
    public static final String PROCESSES = "processes ";

    public HostSnapshot {
        readNanos = Map.copyOf(readNanos);
        readTook = Map.copyOf(readTook);
        Objects.requireNonNull(taken);
        namesOnly = Set.copyOf(namesOnly);
        if (!namesOnly.isEmpty() && !partial) {
            throw new IllegalArgumentException("a snapshot with unread groups is partial: " + namesOnly);
        }
        Objects.requireNonNull(hostName);
        Objects.requireNonNull(kernelRelease);
        Objects.requireNonNull(layout);
        hierarchies = List.copyOf(hierarchies);
        processes = Collections.unmodifiableSortedMap(new TreeMap<>(processes));
        problems = List.copyOf(problems);
    }

    /** A reading whose hierarchies were each read at one instant ({@code readNanos}). */
    public HostSnapshot(Instant taken, long monotonicNanos, String hostName, String kernelRelease, int cpuCount,
                        CgroupLayout layout, List<HierarchyTree> hierarchies,
                        SortedMap<Integer, ProcessInfo> processes, List<ReadProblem> problems,
                        Set<String> namesOnly, boolean partial, Map<String, Long> readNanos) {
        this(taken, monotonicNanos, hostName, kernelRelease, cpuCount, layout, hierarchies, processes, problems,
                namesOnly, partial, readNanos, Map.of());
    }

    /** A reading timed as a whole (rates divide by the time between the snapshots' starts). */
    public HostSnapshot(Instant taken, long monotonicNanos, String hostName, String kernelRelease, int cpuCount,
                        CgroupLayout layout, List<HierarchyTree> hierarchies,
                        SortedMap<Integer, ProcessInfo> processes, List<ReadProblem> problems,
                        Set<String> namesOnly, boolean partial) {
        this(taken, monotonicNanos, hostName, kernelRelease, cpuCount, layout, hierarchies, processes, problems,
                namesOnly, partial, Map.of(), Map.of());
    }

    /** When the groups of a hierarchy were read ({@link System#nanoTime()}; for rates). */
    public long readNanos(String hierarchyId) {
        return readNanos.getOrDefault(hierarchyId, monotonicNanos);
    }

    /** How long reading the groups of a hierarchy took (0: unknown, taken as an instant). */
    public long readTook(String hierarchyId) {
        return readTook.getOrDefault(hierarchyId, 0L);
    }

    /** When the processes were read ({@link System#nanoTime()}; for their CPU %). */
    public long processesReadNanos() {
        return readNanos.getOrDefault(PROCESSES, monotonicNanos);
    }

    /** A whole reading (every group read; processes as asked for). */
    public HostSnapshot(Instant taken, long monotonicNanos, String hostName, String kernelRelease, int cpuCount,
                        CgroupLayout layout, List<HierarchyTree> hierarchies,
                        SortedMap<Integer, ProcessInfo> processes, List<ReadProblem> problems) {
        this(taken, monotonicNanos, hostName, kernelRelease, cpuCount, layout, hierarchies, processes, problems,
                Set.of(), false);
    }

    /** The groups of this hierarchy are known by name only so far (a partial snapshot). */
    public boolean namesOnly(String hierarchyId) {
        return namesOnly.contains(hierarchyId);
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
