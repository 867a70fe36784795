package io.corral.model.namespace;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a {@link NamespaceSnapshot}: the {@code ns/*} links, {@code NSpid} and cgroups of
 * every process from procfs, then the parent and owner of each distinct namespace from
 * nsfs, including parents and owners that no process is in any more.
 */
public final class NamespaceReader {
    private static final String PID_FOR_CHILDREN = "pid_for_children";
    private static final String TIME_FOR_CHILDREN = "time_for_children";

    private final ProcFs proc;
    private final NamespaceRelations relations;

    public NamespaceReader(ProcFs proc, NamespaceRelations relations) {
        this.proc = proc;
        this.relations = relations;
    }

    public static NamespaceReader live() {
        return new NamespaceReader(ProcFs.live(), new NsFs());
    }

    public NamespaceSnapshot read() throws KernelException {
        Instant now = Instant.now();
        List<String> problems = new ArrayList<>();
        Map<Long, ProcessNamespaces> processes = new LinkedHashMap<>();
        // For each namespace, a file to open it by (first member seen).
        Map<NamespaceId, Path> handles = new LinkedHashMap<>();
        for (long pid : proc.pids()) {
            Map<NamespaceType, NamespaceId> own = new EnumMap<>(NamespaceType.class);
            for (NamespaceType t : NamespaceType.values()) {
                NamespaceId.of(proc, pid, t.procName()).ifPresent(id -> own.put(t, id));
            }
            if (own.isEmpty()) {
                continue; // exited, or a kernel thread we may not look at
            }
            Map<NamespaceType, NamespaceId> forChildren = new EnumMap<>(NamespaceType.class);
            NamespaceId.of(proc, pid, PID_FOR_CHILDREN).ifPresent(id -> forChildren.put(NamespaceType.PID, id));
            NamespaceId.of(proc, pid, TIME_FOR_CHILDREN).ifPresent(id -> forChildren.put(NamespaceType.TIME, id));
            ProcStatus status = proc.status(pid).orElse(ProcStatus.parse(""));
            List<CgroupMembership> groups = memberships(pid, problems);
            processes.put(pid, new ProcessNamespaces(pid, status.name(), own, forChildren, status.nsPids(), groups));
            own.forEach((t, id) -> handles.putIfAbsent(id, proc.processDir(pid).resolve("ns").resolve(t.procName())));
            forChildren.forEach((t, id) -> handles.putIfAbsent(id,
                    proc.processDir(pid).resolve("ns").resolve(t == NamespaceType.PID ? PID_FOR_CHILDREN : TIME_FOR_CHILDREN)));
        }

        Map<NamespaceId, NsRelations> known = new HashMap<>();
        for (Map.Entry<NamespaceId, Path> e : handles.entrySet()) {
            if (known.containsKey(e.getKey())) {
                continue;
            }
            try {
                relations.describe(e.getValue(), known);
            } catch (IOException ex) {
                if (proc.processDir(pidOf(e.getValue())).toFile().exists()) {
                    problems.add("cannot ask nsfs about " + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        return assemble(now, processes, handles.keySet(), known, problems);
    }

    /** The groups of a process; a malformed {@code cgroup} file is a read problem, not a membership. */
    private List<CgroupMembership> memberships(long pid, List<String> problems) throws KernelException {
        try {
            return CgroupMembership.of(proc.cgroups(pid));
        } catch (MalformedFileException e) {
            problems.add("process " + pid + ": " + e.getMessage());
            return List.of();
        }
    }

    private static long pidOf(Path nsFile) {
        return Long.parseLong(nsFile.getParent().getParent().getFileName().toString());
    }

    private NamespaceSnapshot assemble(Instant now, Map<Long, ProcessNamespaces> processes,
                                       Set<NamespaceId> seen, Map<NamespaceId, NsRelations> known,
                                       List<String> problems) throws KernelException {
        Set<NamespaceId> all = new TreeSet<>(seen);
        all.addAll(known.keySet());
        Map<NamespaceId, List<Long>> members = new HashMap<>();
        Map<NamespaceId, List<Long>> forChildren = new HashMap<>();
        Map<NamespaceId, Map<Long, Long>> inside = new HashMap<>();
        // Distinct memberships first (hash sets), sorted once per namespace below: sorting
        // every process's lines into tree sets cost more than all the procfs reads together.
        Map<NamespaceId, Set<CgroupMembership>> memberships = new HashMap<>();
        for (ProcessNamespaces p : processes.values()) {
            p.namespaces().forEach((t, id) -> {
                members.computeIfAbsent(id, k -> new ArrayList<>()).add(p.pid());
                memberships.computeIfAbsent(id, k -> new HashSet<>()).addAll(p.groups());
            });
            p.forChildren().forEach((t, id) -> {
                if (!id.equals(p.namespaces().get(t))) {
                    forChildren.computeIfAbsent(id, k -> new ArrayList<>()).add(p.pid());
                }
            });
            NamespaceId pidNs = p.namespaces().get(NamespaceType.PID);
            p.pidInside().ifPresent(in -> inside.computeIfAbsent(pidNs, k -> new TreeMap<>()).put(p.pid(), in));
        }
        TreeMap<NamespaceId, Namespace> out = new TreeMap<>();
        for (NamespaceId id : all) {
            NsRelations r = known.get(id);
            List<Long> pids = members.getOrDefault(id, List.of());
            Optional<UserNamespaceInfo> user = Optional.empty();
            if (id.type() == NamespaceType.USER) {
                user = Optional.of(userInfo(pids, r));
            }
            out.put(id, new Namespace(id, r == null ? Optional.empty() : r.parent(),
                    r == null ? Optional.empty() : r.owner(), pids, forChildren.getOrDefault(id, List.of()), user,
                    id.type() == NamespaceType.PID ? inside.getOrDefault(id, Map.of()) : Map.of(),
                    byHierarchy(memberships.getOrDefault(id, Set.of()))));
        }
        return new NamespaceSnapshot(now, out, new TreeMap<>(processes), problems);
    }

    private static Map<String, SortedSet<GroupPath>> byHierarchy(Set<CgroupMembership> memberships) {
        Map<String, SortedSet<GroupPath>> out = new TreeMap<>();
        for (CgroupMembership m : memberships) {
            out.computeIfAbsent(m.hierarchyId(), k -> new TreeSet<>()).add(m.path());
        }
        return out;
    }

    /** Maps and setgroups through the first member that is still there. */
    private UserNamespaceInfo userInfo(List<Long> pids, NsRelations r) throws KernelException {
        OptionalLong ownerUid = r == null ? OptionalLong.empty() : r.ownerUid();
        for (long pid : pids) {
            Optional<String> uid = proc.read(pid, IdMapKind.UID.file());
            Optional<String> gid = proc.read(pid, IdMapKind.GID.file());
            Optional<String> setgroups = proc.read(pid, "setgroups").map(String::trim);
            if (uid.isPresent() && gid.isPresent()) {
                return new UserNamespaceInfo(ownerUid, parse(uid.get()), parse(gid.get()), setgroups);
            }
        }
        return new UserNamespaceInfo(ownerUid, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Optional<IdMap> parse(String text) {
        try {
            return Optional.of(IdMap.parse(text));
        } catch (InvalidInputException e) {
            return Optional.empty(); // the kernel's own text always parses; a fixture's might not
        }
    }
}
