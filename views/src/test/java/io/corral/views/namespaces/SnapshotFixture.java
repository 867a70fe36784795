package io.corral.views.namespaces;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.namespace.CgroupMembership;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.Namespace;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceSnapshot;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.namespace.ProcessNamespaces;
import io.corral.model.namespace.UserNamespaceInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A host with a container: user U1 (nested in U0; uid_map written, gid_map not) owning
 * pid P1 (child of P0) with a nested P2, and net N1. Processes 1 and 100 on the host,
 * 200 and 201 in the container (201 also in P2), all in group /ct or /.
 */
final class SnapshotFixture {
    static final NamespaceId U0 = new NamespaceId(NamespaceType.USER, 4026531837L);
    static final NamespaceId U1 = new NamespaceId(NamespaceType.USER, 4026532200L);
    static final NamespaceId P0 = new NamespaceId(NamespaceType.PID, 4026531836L);
    static final NamespaceId P1 = new NamespaceId(NamespaceType.PID, 4026532201L);
    static final NamespaceId P2 = new NamespaceId(NamespaceType.PID, 4026532205L);
    static final NamespaceId N0 = new NamespaceId(NamespaceType.NET, 4026531833L);
    static final NamespaceId N1 = new NamespaceId(NamespaceType.NET, 4026532202L);

    private SnapshotFixture() {
    }

    static NamespaceSnapshot snapshot() throws Exception {
        TreeMap<NamespaceId, Namespace> ns = new TreeMap<>();
        Map<String, SortedSet<GroupPath>> host = Map.of("unified", new TreeSet<>(List.of(GroupPath.ROOT)));
        Map<String, SortedSet<GroupPath>> ct = Map.of("unified", new TreeSet<>(List.of(GroupPath.ofKernel("/ct"))));
        ns.put(U0, new Namespace(U0, Optional.empty(), Optional.empty(), List.of(1L, 100L), List.of(),
                Optional.of(new UserNamespaceInfo(OptionalLong.of(0), Optional.of(IdMap.parse("0 0 4294967295")),
                        Optional.of(IdMap.parse("0 0 4294967295")), Optional.of("allow"))), Map.of(), host));
        ns.put(U1, new Namespace(U1, Optional.of(U0), Optional.of(U0), List.of(200L, 201L), List.of(),
                Optional.of(new UserNamespaceInfo(OptionalLong.of(1000), Optional.of(IdMap.parse("0 100000 65536")),
                        Optional.of(IdMap.EMPTY), Optional.of("allow"))), Map.of(), ct));
        ns.put(P0, new Namespace(P0, Optional.empty(), Optional.of(U0), List.of(1L, 100L), List.of(), Optional.empty(),
                Map.of(1L, 1L, 100L, 100L), host));
        ns.put(P1, new Namespace(P1, Optional.of(P0), Optional.of(U1), List.of(200L), List.of(), Optional.empty(),
                Map.of(200L, 1L), ct));
        ns.put(P2, new Namespace(P2, Optional.of(P1), Optional.of(U1), List.of(201L), List.of(), Optional.empty(),
                Map.of(201L, 1L), ct));
        ns.put(N0, new Namespace(N0, Optional.empty(), Optional.of(U0), List.of(1L, 100L), List.of(), Optional.empty(),
                Map.of(), host));
        ns.put(N1, new Namespace(N1, Optional.empty(), Optional.of(U1), List.of(200L, 201L), List.of(),
                Optional.empty(), Map.of(), ct));
        TreeMap<Long, ProcessNamespaces> procs = new TreeMap<>();
        procs.put(1L, proc(1, "init", U0, P0, N0, List.of(1L), "/"));
        procs.put(100L, proc(100, "bash", U0, P0, N0, List.of(100L), "/"));
        procs.put(200L, proc(200, "sh", U1, P1, N1, List.of(200L, 1L), "/ct"));
        procs.put(201L, proc(201, "redis-server", U1, P2, N1, List.of(201L, 2L, 1L), "/ct"));
        return new NamespaceSnapshot(Instant.now(), ns, procs, List.of());
    }

    private static ProcessNamespaces proc(long pid, String name, NamespaceId user, NamespaceId pidNs, NamespaceId net,
                                          List<Long> nsPids, String group) {
        return new ProcessNamespaces(pid, name, Map.of(NamespaceType.USER, user, NamespaceType.PID, pidNs,
                NamespaceType.NET, net), Map.of(NamespaceType.PID, pidNs), nsPids,
                List.of(new CgroupMembership("unified", GroupPath.ofKernel(group))));
    }
}
