package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.ExternalProgram;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcStat;
import io.corral.model.proc.ProcStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** Inspects a group before a checkpoint (see {@link Preflight}). */
public final class PreflightCheck {
    private final CgroupFs fs;
    private final ProcFs proc;
    private final List<Hierarchy> hierarchies;
    private final Path catalogRoot;
    private final long self = ProcessHandle.current().pid();

    public PreflightCheck(CgroupFs fs, ProcFs proc, List<Hierarchy> hierarchies, Path catalogRoot) {
        this.fs = fs;
        this.proc = proc;
        this.hierarchies = hierarchies;
        this.catalogRoot = catalogRoot;
    }

    /** The group in every selected hierarchy where its directory exists. */
    public List<GroupPlace> places(GroupSpec spec) throws InvalidInputException {
        List<GroupPlace> out = new ArrayList<>();
        for (Hierarchy h : spec.select(hierarchies)) {
            GroupPlace p = new GroupPlace(h, spec.path());
            if (Files.isDirectory(p.dir(fs))) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * @throws KernelException         a group or process file was denied
     * @throws MalformedFileException a process file did not have the documented shape
     */
    public Preflight run(GroupSpec spec) throws InvalidInputException, KernelException, MalformedFileException {
        List<String> problems = new ArrayList<>();
        List<GroupPlace> places = places(spec);
        if (spec.path().isRoot()) {
            problems.add("the root group holds every process of the host; checkpoint a child group");
        }
        if (places.isEmpty()) {
            problems.add("group " + spec + " does not exist in any hierarchy");
        }
        new Catalog(catalogRoot).rootProblem().ifPresent(problems::add);
        Optional<GroupPlace> freezer = places.stream().filter(p -> !p.hierarchy().isV2() && p.isFreezer()).findFirst()
                .or(() -> places.stream().filter(p -> p.hierarchy().isV2()
                        && Files.exists(p.dir(fs).resolve("cgroup.freeze"))).findFirst());
        if (freezer.isEmpty() && !places.isEmpty()) {
            problems.add("group " + spec + " is in no freezer hierarchy (v1 freezer or cgroup2), so CRIU cannot freeze it");
        }
        // A working tree forks and reaps all the time: read the group and the tree again
        // until they agree (or a few times), so short-lived children do not count as strays.
        Shape shape = shape(places, freezer);
        for (int attempt = 1; attempt < RETRIES && !shape.consistent(); attempt++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            shape = shape(places, freezer);
        }
        Set<Long> members = shape.members();
        if (!shape.unfrozen().isEmpty()) {
            problems.add("processes " + shape.unfrozen() + " are in the group but not in its freezer group "
                    + freezer.orElseThrow() + ", so they would not be frozen");
        }
        Map<String, String> own = proc.cgroups(self);
        for (GroupPlace p : places) {
            GroupPlace.pathOf(own, p.hierarchy()).filter(mine -> p.path().contains(mine)).ifPresent(mine ->
                    problems.add("the console itself (PID " + self + ") is inside " + p
                            + ": freezing it would freeze the console and CRIU"));
        }
        List<Long> criu = new ArrayList<>();
        for (long pid : members) {
            if (proc.comm(pid).map("criu"::equals).orElse(false)) {
                criu.add(pid);
            }
        }
        if (!criu.isEmpty()) {
            problems.add("CRIU itself (PID " + criu + ") runs inside the group; wait for it to end or move it out");
        }
        List<Long> roots = shape.roots();
        Optional<Long> root = shape.root();
        List<Long> tree = shape.tree();
        Optional<Long> holder = shape.holder();
        if (members.isEmpty() && !places.isEmpty()) {
            problems.add("group " + spec + " has no processes");
        } else if (roots.size() > 1) {
            problems.add("the group's processes form " + roots.size() + " trees (roots " + roots
                    + "); CRIU dumps one tree: move the others out");
        } else if (root.isPresent()) {
            if (!shape.outsideTree().isEmpty()) {
                problems.add("processes " + shape.outsideTree() + " are in the group but outside the tree of " + root.get());
            }
            if (!shape.treeOutsideGroup().isEmpty()) {
                problems.add("processes " + shape.treeOutsideGroup() + " descend from " + root.get()
                        + " but are not in the group (they would be dumped unfrozen)");
            }
        }
        boolean pidNs = root.isPresent() && ownsPidNamespace(root.get());
        if (root.isPresent() && !pidNs) {
            long sid = proc.stat(root.get()).map(ProcStat::session).orElse(0);
            if (sid != 0 && !tree.contains(sid) && sid != root.get()) {
                problems.add("the session leader " + sid + " of " + root.get() + " is outside the tree (start it with setsid)");
            }
        }
        long estimate = 1 << 20;
        for (long pid : tree) {
            OptionalLong rss = proc.status(pid).map(ProcStatus::vmRss).orElse(OptionalLong.empty());
            estimate += rss.orElse(0) + rss.orElse(0) / 10;
        }
        long free = freeBytes();
        if (free >= 0 && free < estimate) {
            problems.add("the catalog " + catalogRoot + " has " + free / 1024 + " KiB free, the images need about "
                    + estimate / 1024 + " KiB");
        }
        List<Preflight.Blocker> blockers = tree.isEmpty() ? List.of() : blockers(tree);
        return new Preflight(spec.toString(), places, freezer, List.copyOf(members), root, tree, shape.outsideTree(),
                shape.treeOutsideGroup(), problems, blockers, estimate, free, pidNs, holder);
    }

    private static final int RETRIES = 10;

    /** The group's processes and the tree they form, read once. */
    private record Shape(Set<Long> members, List<Long> unfrozen, List<Long> roots, Optional<Long> root,
                         Optional<Long> holder, List<Long> tree, List<Long> outsideTree, List<Long> treeOutsideGroup) {
        boolean consistent() {
            return unfrozen.isEmpty() && roots.size() <= 1 && outsideTree.isEmpty() && treeOutsideGroup.isEmpty();
        }
    }

    private Shape shape(List<GroupPlace> places, Optional<GroupPlace> freezer)
            throws KernelException, MalformedFileException {
        Set<Long> members = new TreeSet<>();
        for (GroupPlace p : places) {
            members.addAll(procs(p));
        }
        List<Long> unfrozen = List.of();
        if (freezer.isPresent()) {
            Set<Long> frozenOnes = new HashSet<>(procs(freezer.get()));
            unfrozen = members.stream().filter(t -> !frozenOnes.contains(t) && proc.alive(t)).toList();
        }
        List<Long> roots = new ArrayList<>();
        for (long pid : members) {
            if (proc.stat(pid).map(st -> !members.contains((long) st.ppid())).orElse(false)) {
                roots.add(pid);
            }
        }
        if (roots.size() != 1) {
            return new Shape(members, unfrozen, roots, Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
        }
        Optional<Long> holder = pidNamespaceHolder(roots.get(0), members);
        long root = holder.isPresent() ? proc.children(roots.get(0)).get(0) : roots.get(0);
        List<Long> tree = proc.subtree(root);
        Set<Long> inTree = new HashSet<>(tree);
        holder.ifPresent(inTree::add);
        // Read the group again: a child forked after the first read is in it now (children
        // are born in their parent's group), and one that exited is gone or a zombie.
        Set<Long> again = new TreeSet<>();
        for (GroupPlace p : places) {
            again.addAll(procs(p));
        }
        List<Long> outsideTree = members.stream()
                .filter(m -> !inTree.contains(m) && again.contains(m) && proc.alive(m)).toList();
        List<Long> treeOutsideGroup = tree.stream()
                .filter(t -> !members.contains(t) && !again.contains(t) && proc.alive(t)).toList();
        return new Shape(members, unfrozen, roots, Optional.of(root), holder, tree, outsideTree, treeOutsideGroup);
    }

    private List<Long> procs(GroupPlace p) throws KernelException {
        List<Long> out = new ArrayList<>();
        for (String l : fs.read(p.dir(fs).resolve("cgroup.procs")).split("\n")) {
            if (!l.isBlank()) {
                out.add(Long.parseLong(l.trim()));
            }
        }
        return out;
    }

    /**
     * {@code unshare --pid --fork} stays in the host's pid namespace, waiting for the init it
     * forked: when it is the group's root and that init its only child, the init is the tree
     * to dump (CRIU then recreates the pid namespace, and the restore needs no host PID).
     */
    private Optional<Long> pidNamespaceHolder(long root, Set<Long> members) throws KernelException {
        List<Long> kids = proc.children(root);
        if (kids.size() == 1 && members.contains(kids.get(0)) && !ownsPidNamespace(root)
                && ownsPidNamespace(kids.get(0)) && proc.comm(root).map("unshare"::equals).orElse(false)) {
            return Optional.of(root);
        }
        return Optional.empty();
    }

    /** True when the process is PID 1 of a pid namespace below ours. */
    boolean ownsPidNamespace(long pid) throws KernelException {
        List<Long> ns = nsPids(pid);
        int ours = Math.max(1, nsPids(self).size());
        return ns.size() > ours && ns.get(ns.size() - 1) == 1L;
    }

    private List<Long> nsPids(long pid) throws KernelException {
        return proc.status(pid).map(ProcStatus::nsPids).orElse(List.of());
    }

    private long freeBytes() {
        Path p = catalogRoot;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private List<Preflight.Blocker> blockers(List<Long> tree) throws KernelException {
        List<Preflight.Blocker> out = new ArrayList<>();
        Map<Long, Long> socketOwner = new java.util.HashMap<>();
        for (long pid : tree) {
            for (String t : proc.fdTargets(pid)) {
                if (t.startsWith("socket:[")) {
                    socketOwner.put(Long.parseLong(t.substring(8, t.length() - 1)), pid);
                } else if (t.equals("anon_inode:[io_uring]")) {
                    out.add(new Preflight.Blocker(Preflight.Kind.IO_URING, pid, t));
                }
            }
        }
        long any = tree.get(0);
        for (String table : List.of("net/tcp", "net/tcp6")) {
            for (String line : proc.read(any, table).orElse("").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("01")) {
                    try {
                        Long owner = socketOwner.get(Long.parseLong(f[9]));
                        if (owner != null) {
                            out.add(new Preflight.Blocker(Preflight.Kind.TCP_ESTABLISHED, owner, f[1] + " -> " + f[2]));
                        }
                    } catch (NumberFormatException ignored) {
                        // header line
                    }
                }
            }
        }
        if (proc.isLive()) {
            out.addAll(externalUnixStreams(any, socketOwner));
        }
        return out;
    }

    /**
     * Connected unix stream sockets whose peer is not held by the tree. procfs does not show
     * a unix socket's peer; {@code ss} gets it from sock_diag, run in the tree's network namespace.
     */
    private List<Preflight.Blocker> externalUnixStreams(long pid, Map<Long, Long> socketOwner) {
        List<Preflight.Blocker> out = new ArrayList<>();
        try {
            Path log = Files.createTempFile("corral-ss", ".log");
            ExternalProgram.Result r = ExternalProgram.run(List.of("nsenter", "--net=/proc/" + pid + "/ns/net",
                    "ss", "-xnH"), Map.of(), Duration.ofSeconds(10), log);
            Files.deleteIfExists(log);
            if (!r.ok()) {
                return out;
            }
            Set<Long> reported = new LinkedHashSet<>();
            for (String line : r.output().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8 || !f[0].equals("u_str")) {
                    continue;
                }
                try {
                    long local = Long.parseLong(f[5]);
                    long peer = Long.parseLong(f[7]);
                    Long owner = socketOwner.get(local);
                    if (owner != null && peer != 0 && !socketOwner.containsKey(peer) && reported.add(local)) {
                        out.add(new Preflight.Blocker(Preflight.Kind.EXTERNAL_UNIX_STREAM, owner,
                                "socket " + local + " " + f[4] + ", peer socket " + peer));
                    }
                } catch (NumberFormatException ignored) {
                    // unexpected column layout
                }
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return out;
    }
}
