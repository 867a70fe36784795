package io.corral.model.privilege;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.command.GroupRef;
import io.corral.model.kernel.CgroupFs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What this process may change itself, and why not, so the console can enable only those
 * actions and show the reason on every disabled one (the rest goes through the privileged
 * helper). Root may do everything the kernel's rules allow. A normal user may change what
 * was delegated to it (cgroup-v2.rst, "Delegation"): a group directory it owns, with
 * {@code cgroup.procs}, {@code cgroup.subtree_control} and {@code cgroup.threads} writable
 * for it; it may create groups there and set the limits of the groups it created (their
 * files are its own), but not of the delegated root itself (root keeps those files). A move
 * needs write access to {@code cgroup.procs} of the target and of the common ancestor of
 * source and target; on v1 the process must also belong to the user.
 */
public final class Privileges {

    /** Yes, or no with the reason for people. */
    public record Verdict(boolean allowed, String reason) {
        public Verdict {
            Objects.requireNonNull(reason);
        }

        public static Verdict yes(String why) {
            return new Verdict(true, why);
        }

        public static Verdict no(String why) {
            return new Verdict(false, why);
        }
    }

    /** How files are checked: the real accessor, or a table in tests. */
    public interface Access {
        OptionalInt owner(Path p);

        boolean writable(Path p);
    }

    private final CgroupFs fs;
    private final int uid;
    private final Access access;

    public Privileges(CgroupFs fs, int uid, Access access) {
        this.fs = Objects.requireNonNull(fs);
        this.uid = uid;
        this.access = Objects.requireNonNull(access);
    }

    /** For this process: its effective uid (from {@code /proc/self/status}) and access(2). */
    public static Privileges ofThisProcess(CgroupFs fs) {
        int uid = effectiveUid(fs);
        return new Privileges(fs, uid, new Access() {
            @Override
            public OptionalInt owner(Path p) {
                return fs.owner(p);
            }

            @Override
            public boolean writable(Path p) {
                return fs.writableByThisProcess(p);
            }
        });
    }

    /**
     * The second field of {@code Uid:} in {@code /proc/self/status}. (Not the owner of
     * {@code /proc/self}: that is a symlink owned by root, and {@code /proc/PID} of a
     * non-dumpable process is root's too.) -1 if unreadable: then nothing is "allowed".
     */
    static int effectiveUid(CgroupFs fs) {
        try {
            for (String line : fs.read(fs.onHost("/proc/self/status")).split("\n")) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (io.corral.model.kernel.KernelException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public boolean isRoot() {
        return uid == 0;
    }

    public int uid() {
        return uid;
    }

    /** Setting limits, freezing, enabling controllers for children: the group's own files. */
    public Verdict canConfigure(GroupRef g, String file) {
        if (isRoot()) {
            return Verdict.yes("root");
        }
        Path f = g.dir(fs).resolve(file);
        if (access.writable(f)) {
            return Verdict.yes(f + " is writable for uid " + uid);
        }
        return Verdict.no("cannot change " + file + " of " + g + ": " + f + " " + owned(f)
                + (isDelegated(g) ? " (a delegated group's own limits stay with whoever delegated it:"
                + " set them on a child group you create)" : "; it is not delegated to you")
                + " — use administrative access (the privileged helper)");
    }

    /** mkdir of a child group, or rmdir of one: the parent directory must be writable. */
    public Verdict canCreateIn(GroupRef parent) {
        if (isRoot()) {
            return Verdict.yes("root");
        }
        Path dir = parent.dir(fs);
        if (access.writable(dir)) {
            return Verdict.yes(dir + " is writable for uid " + uid);
        }
        return Verdict.no("cannot create or remove groups in " + parent + ": " + dir + " " + owned(dir)
                + "; it is not delegated to you — use administrative access (the privileged helper)");
    }

    public Verdict canRemove(GroupRef g) {
        if (g.path().isRoot()) {
            return Verdict.no("the root group of " + g.hierarchy().label() + " cannot be removed");
        }
        return canCreateIn(g.parent());
    }

    /**
     * Moving a process from {@code source} to {@code target}: write access to
     * {@code cgroup.procs} of the target and of their common ancestor.
     * {@code processUid} is the owner of the process (v1 checks it too).
     */
    public Verdict canMove(GroupRef source, GroupRef target, OptionalInt processUid) {
        if (isRoot()) {
            return Verdict.yes("root");
        }
        if (!source.hierarchy().equals(target.hierarchy())) {
            throw new IllegalArgumentException("source and target are in different hierarchies");
        }
        String procs = "cgroup.procs";
        Path targetProcs = target.dir(fs).resolve(procs);
        if (!access.writable(targetProcs)) {
            return Verdict.no("cannot move into " + target + ": " + targetProcs + " " + owned(targetProcs)
                    + "; it is not delegated to you — use administrative access (the privileged helper)");
        }
        GroupRef common = new GroupRef(target.hierarchy(), commonAncestor(source.path(), target.path()));
        Path commonProcs = common.dir(fs).resolve(procs);
        if (!access.writable(commonProcs)) {
            return Verdict.no("cannot move from " + source.path() + " to " + target.path() + ": the kernel needs write"
                    + " access to cgroup.procs of their common ancestor " + common + ", and " + commonProcs + " "
                    + owned(commonProcs) + " — move within your delegated subtree, or use administrative access");
        }
        if (!target.isV2() && processUid.isPresent() && processUid.getAsInt() != uid) {
            return Verdict.no("cannot move a process of uid " + processUid.getAsInt() + " on cgroup v1: it must be"
                    + " your own process (uid " + uid + ")");
        }
        return Verdict.yes("cgroup.procs of " + target + " and of the common ancestor " + common
                + " are writable for uid " + uid);
    }

    /** A group delegated to this user: its directory and its cgroup.procs are the user's. */
    public boolean isDelegated(GroupRef g) {
        Path dir = g.dir(fs);
        OptionalInt owner = access.owner(dir);
        return owner.isPresent() && owner.getAsInt() == uid && access.writable(dir.resolve("cgroup.procs"))
                && (!g.isV2() || access.writable(dir.resolve("cgroup.subtree_control")));
    }

    public static GroupPath commonAncestor(GroupPath a, GroupPath b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(a.depth(), b.depth()) && a.names().get(i).equals(b.names().get(i)); i++) {
            out.add(a.names().get(i));
        }
        return new GroupPath(out);
    }

    private String owned(Path p) {
        OptionalInt owner = access.owner(p);
        return owner.isEmpty() ? "does not exist" : "belongs to uid " + owner.getAsInt()
                + " and is not writable for you (uid " + uid + ")";
    }
}
