package io.corral.model.namespace;

import io.corral.model.cgroup.GroupPath;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * One namespace at one instant.
 *
 * @param id              type and inode
 * @param parent          the parent user or pid namespace (NS_GET_PARENT)
 * @param owner           the owning user namespace (NS_GET_USERNS); empty only for the initial user namespace
 * @param pids            processes in it, ascending
 * @param pidsForChildren processes whose {@code pid_for_children}/{@code time_for_children}
 *                        is this namespace while their own is another (after unshare(2) without fork)
 * @param user            maps and owner uid, for user namespaces
 * @param insidePids      for pid namespaces: each member's PID as seen inside (last NSpid field), by host PID
 * @param groups          the groups (by hierarchy id) that hold its member processes
 */
public record Namespace(NamespaceId id, Optional<NamespaceId> parent, Optional<NamespaceId> owner, List<Long> pids,
                        List<Long> pidsForChildren, Optional<UserNamespaceInfo> user, Map<Long, Long> insidePids,
                        Map<String, SortedSet<GroupPath>> groups) {
    public Namespace {
        Objects.requireNonNull(id);
        pids = List.copyOf(pids);
        pidsForChildren = List.copyOf(pidsForChildren);
        insidePids = Map.copyOf(insidePids);
        groups = Map.copyOf(groups);
    }

    public NamespaceType type() {
        return id.type();
    }

    public long inode() {
        return id.inode();
    }

    /** The groups of its members in one hierarchy. */
    public Set<GroupPath> groupsIn(String hierarchyId) {
        return groups.getOrDefault(hierarchyId, Collections.emptySortedSet());
    }
}
