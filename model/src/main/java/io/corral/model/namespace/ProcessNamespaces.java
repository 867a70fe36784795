package io.corral.model.namespace;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespaces of one process.
 *
 * @param name        the {@code Name:} of {@code status} (the command, at most 15 characters)
 * @param namespaces  its own namespace of each type the kernel has
 * @param forChildren {@code pid_for_children} and {@code time_for_children}
 * @param nsPids      the NSpid line of {@code status}: its PID in each pid namespace from
 *                    the reader's down to its own
 * @param groups      its {@code /proc/<pid>/cgroup}
 */
public record ProcessNamespaces(long pid, String name, Map<NamespaceType, NamespaceId> namespaces,
                                Map<NamespaceType, NamespaceId> forChildren, List<Long> nsPids,
                                List<CgroupMembership> groups) {
    public ProcessNamespaces {
        namespaces = Map.copyOf(namespaces);
        forChildren = Map.copyOf(forChildren);
        nsPids = List.copyOf(nsPids);
        groups = List.copyOf(groups);
    }

    public Optional<NamespaceId> of(NamespaceType type) {
        return Optional.ofNullable(namespaces.get(type));
    }

    /** Its PID inside its own pid namespace. */
    public Optional<Long> pidInside() {
        return nsPids.isEmpty() ? Optional.empty() : Optional.of(nsPids.get(nsPids.size() - 1));
    }
}
