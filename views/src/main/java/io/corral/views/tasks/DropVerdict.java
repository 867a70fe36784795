package io.corral.views.tasks;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.views.state.GroupRow;
import io.corral.views.state.GroupType;
import io.corral.views.state.HostFacts;
import io.corral.views.state.TaskRow;

import java.util.List;

/**
 * Whether dropping tasks on a group would work, decided from the frame on screen before
 * anything is written, with the reason in the kernel's terms. The engine and the kernel
 * still have the last word (a task can exit, a group can change between frames); this only
 * spares the user a write that is certain to fail.
 */
public record DropVerdict(boolean allowed, String message) {

    public static DropVerdict allow(String message) {
        return new DropVerdict(true, message);
    }

    public static DropVerdict refuse(String reason) {
        return new DropVerdict(false, reason);
    }

    /**
     * The verdict for a drag: processes as {@link #judge(HostFacts, GroupRow, List, GroupRow)};
     * single threads move into a cgroup2 group only inside a threaded subtree (v1 moves
     * threads anywhere through {@code tasks}).
     */
    public static DropVerdict judge(HostFacts host, TaskDrag.Dragged d, GroupRow target) {
        DropVerdict v = judge(host, d.source(), d.tasks(), target);
        if (!d.threads() || !v.allowed() && !v.message().startsWith("Threaded group")) {
            return v;
        }
        String what = d.threadIds().size() == 1 ? "thread " + d.threadIds().get(0) : d.threadIds().size() + " threads";
        if (target.version() == CgroupVersion.V2 && target.type() != GroupType.THREADED) {
            return refuse("Threads stay with their process on cgroup2: " + target.key().path() + " is a domain group, "
                    + "and single threads move only between the threaded groups of one subtree (EOPNOTSUPP). "
                    + "Move the whole process, or make the groups threaded (cgroup.type).");
        }
        if (target.version() == CgroupVersion.V2 && !sameThreadedSubtree(d.source(), target)) {
            return refuse("Other threaded subtree: the threads' process lives in " + d.source().key().path()
                    + "; cgroup2 moves threads only into threaded groups below their process's domain group "
                    + "(EOPNOTSUPP).");
        }
        return allow("Move " + what + " to " + target.key().path());
    }

    /**
     * The target is below the source (the process's domain group and its threaded children),
     * or both are threaded siblings. The kernel decides the exact case; this spares the
     * obvious refusals.
     */
    private static boolean sameThreadedSubtree(GroupRow source, GroupRow target) {
        if (source.key().path().contains(target.key().path())) {
            return true;
        }
        return source.type() == GroupType.THREADED && !source.isRoot() && !target.isRoot()
                && source.key().path().parent().equals(target.key().path().parent());
    }

    /**
     * @param source the group the tasks were picked from
     * @param tasks  the dragged tasks
     * @param target the group under the pointer
     */
    public static DropVerdict judge(HostFacts host, GroupRow source, List<TaskRow> tasks, GroupRow target) {
        if (!host.privileges().canWrite()) {
            return refuse("Read-only: " + host.privileges().reason());
        }
        if (tasks.isEmpty()) {
            return refuse("No tasks selected");
        }
        if (!source.key().hierarchyId().equals(target.key().hierarchyId())) {
            return refuse("Other hierarchy: these tasks were picked in " + source.key().hierarchyId()
                    + "; membership in " + target.key().hierarchyId()
                    + " is separate. Select the group in that hierarchy and move from there.");
        }
        if (source.key().equals(target.key())) {
            return refuse("Already in " + target.key().path());
        }
        java.util.Optional<String> denied = host.privileges().refuseMove(source.key(), target.key());
        if (denied.isPresent()) {
            return refuse(denied.get());
        }
        List<TaskRow> kernelThreads = tasks.stream().filter(TaskRow::kernelThread).toList();
        if (!kernelThreads.isEmpty()) {
            TaskRow k = kernelThreads.get(0);
            return refuse("Kernel thread " + k.command() + " (" + k.pid() + ")"
                    + (kernelThreads.size() > 1 ? " and " + (kernelThreads.size() - 1) + " more" : "")
                    + ": the kernel does not move kernel threads (EINVAL)");
        }
        if (target.version() == CgroupVersion.V2) {
            if (target.type() == GroupType.THREADED) {
                return refuse("Threaded group: processes cannot be written to its cgroup.procs (EOPNOTSUPP); "
                        + "only threads move into a threaded group");
            }
            if (target.type() == GroupType.DOMAIN_INVALID) {
                return refuse("Invalid domain: this group sits in a threaded subtree without being threaded "
                        + "(cgroup.type \"domain invalid\"); it cannot hold processes");
            }
            if (!target.isRoot() && target.type() == GroupType.DOMAIN && !target.enabledForChildren().isEmpty()) {
                return refuse("No internal processes: " + target.key().path() + " enables "
                        + String.join(" ", target.enabledForChildren())
                        + " for its children (cgroup.subtree_control), so it may not hold processes itself "
                        + "(EBUSY). Drop onto one of its leaf groups.");
            }
        }
        if (host.systemdIsInit() && target.systemdUnit() && !target.delegated()) {
            return refuse("Owned by systemd: " + target.name() + " is a unit without Delegate=yes; "
                    + "systemd would move the tasks back. Use a delegated unit or a group of your own.");
        }
        long zombies = tasks.stream().filter(TaskRow::isZombie).count();
        String what = tasks.size() == 1 ? "task " + tasks.get(0).pid() : tasks.size() + " tasks";
        String msg = "Move " + what + " to " + target.key().path();
        if (zombies > 0) {
            msg += " (" + zombies + " zombie" + (zombies > 1 ? "s" : "") + " will stay where they are)";
        }
        return allow(msg);
    }
}
