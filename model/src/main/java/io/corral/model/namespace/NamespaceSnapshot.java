package io.corral.model.namespace;

import io.corral.model.cgroup.GroupPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every namespace on the host at one instant, the namespaces of every process, and the
 * cross-links between namespaces and control groups. Immutable; read by {@link NamespaceReader}.
 *
 * @param problems what could not be read (a process exited mid-read is not a problem)
 */
public record NamespaceSnapshot(Instant takenAt, SortedMap<NamespaceId, Namespace> namespaces,
                                SortedMap<Long, ProcessNamespaces> processes, List<String> problems) {
    public NamespaceSnapshot {
        namespaces = Collections.unmodifiableSortedMap(new TreeMap<>(namespaces));
        processes = Collections.unmodifiableSortedMap(new TreeMap<>(processes));
        problems = List.copyOf(problems);
    }

    public static final NamespaceSnapshot EMPTY = new NamespaceSnapshot(Instant.EPOCH, new TreeMap<>(), new TreeMap<>(),
            List.of());

    public Optional<Namespace> get(NamespaceId id) {
        return Optional.ofNullable(namespaces.get(id));
    }

    public List<Namespace> ofType(NamespaceType type) {
        return namespaces.values().stream().filter(n -> n.type() == type).toList();
    }

    /** User namespaces without an owner: the initial one (and any whose owner is out of view). */
    public List<Namespace> rootUserNamespaces() {
        return namespaces.values().stream().filter(n -> n.type() == NamespaceType.USER && n.owner().isEmpty()).toList();
    }

    /** Namespaces whose parent is {@code id} (nested user or pid namespaces). */
    public List<Namespace> children(NamespaceId id) {
        return namespaces.values().stream().filter(n -> n.parent().filter(id::equals).isPresent()).toList();
    }

    /** Namespaces owned by user namespace {@code user}, of every type but nested user namespaces. */
    public List<Namespace> ownedBy(NamespaceId user) {
        return namespaces.values().stream()
                .filter(n -> n.owner().filter(user::equals).isPresent())
                .filter(n -> n.type() != NamespaceType.USER)
                .toList();
    }

    /**
     * The host's namespaces: those of PID 1 as Corral sees it (the initial ones, unless
     * Corral itself runs in a container, where it means the container's).
     */
    public Map<NamespaceType, NamespaceId> hostNamespaces() {
        ProcessNamespaces init = processes.get(1L);
        if (init == null) {
            init = processes.get(ProcessHandle.current().pid());
        }
        return init == null ? Map.of() : init.namespaces();
    }

    /** The types in which process {@code pid} does not share the host's namespace; empty if unknown. */
    public Set<NamespaceType> unsharedTypes(long pid) {
        ProcessNamespaces p = processes.get(pid);
        Set<NamespaceType> out = EnumSet.noneOf(NamespaceType.class);
        if (p == null) {
            return out;
        }
        Map<NamespaceType, NamespaceId> host = hostNamespaces();
        for (Map.Entry<NamespaceType, NamespaceId> e : p.namespaces().entrySet()) {
            NamespaceId h = host.get(e.getKey());
            if (h != null && !h.equals(e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The namespaces the processes directly in a group live in ("this group is a container
     * with its own pid/net/mnt"): for each type, the distinct namespaces.
     */
    public SortedMap<NamespaceType, Set<NamespaceId>> namespacesOfGroup(String hierarchyId, GroupPath group) {
        SortedMap<NamespaceType, Set<NamespaceId>> out = new TreeMap<>();
        for (ProcessNamespaces p : processes.values()) {
            if (p.groups().contains(new CgroupMembership(hierarchyId, group))) {
                p.namespaces().forEach((t, id) -> out.computeIfAbsent(t, k -> new TreeSet<>()).add(id));
            }
        }
        return out;
    }

    /** The namespaces of a group's processes that differ from the host's. */
    public List<NamespaceId> ownNamespacesOfGroup(String hierarchyId, GroupPath group) {
        Map<NamespaceType, NamespaceId> host = hostNamespaces();
        List<NamespaceId> out = new ArrayList<>();
        namespacesOfGroup(hierarchyId, group).forEach((t, ids) -> ids.stream()
                .filter(id -> !id.equals(host.get(t))).forEach(out::add));
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
