package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel's rules, checked before writing (DESIGN.md §2). Each check returns the
 * refusal (with the errno the kernel would answer and the file it would be written to)
 * or empty; none of them writes anything.
 */
final class KernelRules {
    /** The kernel takes at most one page per write to an interface file. */
    static final int MAX_WRITE_BYTES = 4096;

    private final CgroupFs fs;
    private final Tasks tasks;
    private final SystemdUnits systemd;

    KernelRules(CgroupFs fs, Tasks tasks, SystemdUnits systemd) {
        this.fs = fs;
        this.tasks = tasks;
        this.systemd = systemd;
    }

    /** A hierarchy reached through a symlink, or not on cgroupfs, is not written to. */
    Optional<Failure> mount(Hierarchy h) {
        Path mount = fs.onHost(h.mount());
        Optional<Path> link = fs.symlinkOnTheWay(mount);
        if (link.isPresent()) {
            return Optional.of(Failure.rule(Errno.ELOOP, link.get(), null, "cgroup mount " + h.mount()
                    + " is reached through the symbolic link " + link.get() + ": refused"));
        }
        if (!fs.exists(mount)) {
            return Optional.of(Failure.rule(Errno.ENOENT, mount, null, "cgroup mount " + h.mount() + " does not exist"));
        }
        if (fs.verifiesMountTypes()) {
            String type = fs.fileSystemType(mount).orElse("unknown");
            String want = h.isV2() ? "cgroup2" : "cgroup";
            if (!type.equals(want)) {
                return Optional.of(Failure.rule(Errno.ENODEV, mount, null, h.mount() + " is a " + type
                        + " file system, not " + want + ": refused"));
            }
        }
        return Optional.empty();
    }

    Optional<Failure> exists(GroupRef g) {
        Path dir = g.dir(fs);
        if (!fs.exists(dir)) {
            return Optional.of(Failure.rule(Errno.ENOENT, dir, null, "group " + g + " does not exist"));
        }
        return Optional.empty();
    }

    Optional<Failure> create(GroupRef g) {
        Path dir = g.dir(fs);
        if (fs.exists(dir)) {
            return Optional.of(Failure.rule(Errno.EEXIST, dir, null, "group " + g + " already exists"));
        }
        if (!fs.exists(dir.getParent())) {
            return Optional.of(Failure.rule(Errno.ENOENT, dir, null, "parent group " + g.parent()
                    + " does not exist (create it first)"));
        }
        return Optional.empty();
    }

    Optional<Failure> remove(GroupRef g) throws KernelException {
        Path dir = g.dir(fs);
        List<String> children = fs.childGroups(dir);
        if (!children.isEmpty()) {
            return Optional.of(Failure.rule(Errno.EBUSY, dir, null, "group " + g + " has child groups ("
                    + String.join(", ", children) + "): remove them first"));
        }
        List<Integer> procs = ids(dir.resolve("cgroup.procs"));
        if (!procs.isEmpty()) {
            return Optional.of(Failure.rule(Errno.EBUSY, dir, null, "group " + g + " still has " + procs.size()
                    + " process(es) (" + shortList(procs) + "): move or end them first"));
        }
        return Optional.empty();
    }

    Optional<Failure> rename(GroupRef g, String newName) {
        Path dir = g.dir(fs);
        if (g.isV2()) {
            return Optional.of(Failure.rule(Errno.EOPNOTSUPP, dir, newName, "cgroup2 cannot rename groups (" + g
                    + "): create " + g.parent().child(newName).path() + " and move the processes instead"));
        }
        if (fs.exists(dir.resolveSibling(newName))) {
            return Optional.of(Failure.rule(Errno.EEXIST, dir, newName, "cannot rename " + g + " to " + newName
                    + ": that group already exists"));
        }
        return Optional.empty();
    }

    /** Rules about the target group of a move, whatever is moved. */
    Optional<Failure> moveTarget(GroupRef target, boolean threads) throws KernelException {
        Path dir = target.dir(fs);
        Path file = dir.resolve(taskFile(target.hierarchy(), threads));
        if (target.isV2() && !target.path().isRoot()) {
            Set<String> enabled = words(dir.resolve("cgroup.subtree_control"));
            if (!enabled.isEmpty() && !isThreaded(target)) {
                return Optional.of(Failure.rule(Errno.EBUSY, file, null, "group " + target
                        + " has controllers enabled for its children (" + String.join(" ", enabled)
                        + "): cgroup2 allows processes only in groups without them (\"no internal processes\");"
                        + " move into a child group, or disable the controllers first"));
            }
        }
        if (!target.isV2() && target.hierarchy().has("cpuset") && !target.path().isRoot()) {
            String cpus = fs.readIfPresent(dir.resolve("cpuset.cpus")).orElse("").trim();
            String mems = fs.readIfPresent(dir.resolve("cpuset.mems")).orElse("").trim();
            if (cpus.isEmpty() || mems.isEmpty()) {
                return Optional.of(Failure.rule(Errno.ENOSPC, file, null, "cpuset group " + target
                        + " has no " + (cpus.isEmpty() ? "CPUs (cpuset.cpus)" : "memory nodes (cpuset.mems)")
                        + ": set cpuset.cpus and cpuset.mems before moving tasks into it"));
            }
        }
        return systemd.refuseMove(target, file, fs);
    }

    /** Rules about one task of a move; a refusal here skips that task, the batch goes on. */
    Optional<Failure> moveTask(GroupRef target, int id, boolean threads) {
        Path file = target.dir(fs).resolve(taskFile(target.hierarchy(), threads));
        String v = Integer.toString(id);
        if (id == tasks.self() || (threads && isOwnThread(id))) {
            return Optional.of(Failure.rule(Errno.EPERM, file, v, (threads ? "thread " : "process ") + id
                    + " is Corral itself: it never moves itself"));
        }
        Optional<Tasks.Facts> facts = tasks.facts(id, threads);
        if (facts.isEmpty()) {
            return Optional.of(Failure.rule(Errno.ESRCH, file, v, (threads ? "thread " : "process ") + id
                    + " does not exist (it has exited?); nothing was moved"));
        }
        if (facts.get().kernelThread()) {
            return Optional.of(Failure.rule(Errno.EINVAL, file, v, "process " + id
                    + " is a kernel thread: the kernel does not move kernel threads between groups"));
        }
        if (facts.get().zombie()) {
            // The kernel accepts the write for a zombie and silently leaves it where it is.
            return Optional.of(Failure.rule(Errno.ESRCH, file, v, "process " + id
                    + " is a zombie (exited, waiting for its parent): it cannot move"));
        }
        if (threads && target.isV2() && !isThreaded(target)) {
            Optional<GroupPath> now = tasks.groupOf(id, true, target.hierarchy());
            if (now.isPresent() && !now.get().equals(target.path())) {
                return Optional.of(Failure.rule(Errno.EOPNOTSUPP, file, v, "cannot move thread " + id + " into "
                        + target + ": it is a domain group; threads of one process can be split only inside a"
                        + " threaded subtree (write \"threaded\" to cgroup.type of the groups)"));
            }
        }
        return Optional.empty();
    }

    Optional<Failure> enable(GroupRef g, Set<String> controllers) throws KernelException {
        Path file = g.dir(fs).resolve("cgroup.subtree_control");
        if (!g.isV2()) {
            return Optional.of(Failure.rule(Errno.EOPNOTSUPP, file, null, g.hierarchy().label()
                    + " is a cgroup v1 hierarchy: its controllers are always on (no cgroup.subtree_control)"));
        }
        Set<String> available = words(g.dir(fs).resolve("cgroup.controllers"));
        for (String c : new TreeSet<>(controllers)) {
            if (!available.contains(c)) {
                String where = g.path().isRoot() ? "this kernel's cgroup2 hierarchy (bound to v1, or not built)"
                        : "the parent " + g.parent() + " (enable it there first: controllers are enabled top-down)";
                return Optional.of(Failure.rule(Errno.ENOENT, file, "+" + c, "controller " + c
                        + " is not available in " + g + ": it is not enabled in " + where));
            }
        }
        if (!g.path().isRoot() && !isThreaded(g)) {
            List<Integer> procs = ids(g.dir(fs).resolve("cgroup.procs"));
            if (!procs.isEmpty()) {
                return Optional.of(Failure.rule(Errno.EBUSY, file, null, "group " + g + " has processes of its own ("
                        + shortList(procs) + "): cgroup2 allows controllers for children only in groups without"
                        + " processes (\"no internal processes\"); move them into a child group first"));
            }
        }
        return Optional.empty();
    }

    Optional<Failure> disable(GroupRef g, Set<String> controllers) throws KernelException {
        Path file = g.dir(fs).resolve("cgroup.subtree_control");
        if (!g.isV2()) {
            return Optional.of(Failure.rule(Errno.EOPNOTSUPP, file, null, g.hierarchy().label()
                    + " is a cgroup v1 hierarchy: its controllers cannot be disabled per group"));
        }
        for (String child : fs.childGroups(g.dir(fs))) {
            Set<String> used = words(g.dir(fs).resolve(child).resolve("cgroup.subtree_control"));
            used.retainAll(controllers);
            if (!used.isEmpty()) {
                return Optional.of(Failure.rule(Errno.EBUSY, file, "-" + used.iterator().next(), "child " + child
                        + " of " + g + " still enables " + String.join(" ", used)
                        + " for its own children: disable it there first (bottom-up)"));
            }
        }
        return Optional.empty();
    }

    /** Freeze, thaw and kill need a freezer, and never touch the group Corral runs in. */
    Optional<Failure> freezer(GroupRef g, String verb) {
        Path dir = g.dir(fs);
        Path file = dir.resolve(g.isV2() ? (verb.equals("kill") ? "cgroup.kill" : "cgroup.freeze") : "freezer.state");
        if (!g.isV2() && !g.hierarchy().has("freezer") && !verb.equals("kill")) {
            return Optional.of(Failure.rule(Errno.ENOENT, file, null, g.hierarchy().label()
                    + " has no freezer: use the freezer hierarchy or the cgroup2 one (cgroup.freeze)"));
        }
        if (!verb.equals("thaw")) {
            Optional<GroupPath> own = tasks.groupOf((int) tasks.self(), false, g.hierarchy());
            if (own.isPresent() && g.path().contains(own.get())) {
                return Optional.of(Failure.rule(Errno.EPERM, file, null, "refusing to " + verb + " " + g
                        + ": Corral itself runs in it (" + own.get() + ")"));
            }
        }
        return Optional.empty();
    }

    Optional<Failure> valueSize(Path file, String value) {
        int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_WRITE_BYTES) {
            return Optional.of(Failure.rule(Errno.E2BIG, file, value, "value for " + file + " is " + bytes
                    + " bytes; the kernel accepts at most " + MAX_WRITE_BYTES + " (one page)"));
        }
        return Optional.empty();
    }

    boolean isThreaded(GroupRef g) {
        try {
            String type = fs.readIfPresent(g.dir(fs).resolve("cgroup.type")).orElse("domain").trim();
            return type.equals("threaded");
        } catch (KernelException e) {
            return false;
        }
    }

    private boolean isOwnThread(int tid) {
        // /proc/self is the JVM: a tid listed there is one of Corral's own threads.
        return fs.exists(fs.onHost("/proc/self/task/" + tid));
    }

    static String taskFile(Hierarchy h, boolean threads) {
        if (!threads) {
            return "cgroup.procs";
        }
        return h.isV2() ? "cgroup.threads" : "tasks";
    }

    Set<String> words(Path file) throws KernelException {
        String text = fs.readIfPresent(file).orElse("");
        Set<String> out = new TreeSet<>();
        Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    List<Integer> ids(Path file) throws KernelException {
        String text = fs.readIfPresent(file).orElse("");
        return Arrays.stream(text.split("\n")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Integer::parseInt).toList();
    }

    static String shortList(List<Integer> ids) {
        List<String> s = ids.stream().limit(5).map(String::valueOf).toList();
        return String.join(" ", s) + (ids.size() > 5 ? " ..." : "");
    }
}
