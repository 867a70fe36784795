package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcStat;
import io.corral.model.proc.ProcessInfo;

import java.util.Optional;

/**
 * {@link Tasks} from procfs. {@code /proc/ID/...} answers for thread ids too (they are
 * hidden from the listing, not from lookups), and {@code /proc/TID/cgroup} is that
 * thread's own group, so one code path serves processes and threads.
 */
public final class ProcTasks implements Tasks {
    private final ProcFs proc;

    public ProcTasks(ProcFs proc) {
        this.proc = proc;
    }

    @Override
    public Optional<Facts> facts(int id, boolean thread) {
        try {
            Optional<ProcStat> stat = proc.stat(id);
            // kthreadd is pid 2 and parents every kernel thread; PF_KTHREAD says it directly.
            return stat.map(s -> new Facts(id, s.state().letter(), s.kernelThread() || id == 2 || s.ppid() == 2));
        } catch (KernelException | MalformedFileException e) {
            // Unreadable but present: let the kernel decide, and report its answer.
            return Optional.of(new Facts(id, '?', false));
        }
    }

    @Override
    public Optional<GroupPath> groupOf(int id, boolean thread, Hierarchy hierarchy) {
        try {
            Optional<ProcessInfo> p = proc.process(id);
            return p.flatMap(info -> info.cgroup(hierarchy.id())).map(path -> relativeToMount(path, hierarchy));
        } catch (KernelException | MalformedFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> wchan(int id) {
        try {
            return proc.read(id, "wchan").map(String::strip).filter(w -> !w.isEmpty() && !w.equals("0"));
        } catch (KernelException e) {
            return Optional.empty();
        }
    }

    /**
     * /proc/PID/cgroup names groups from the hierarchy's root; a mount of a subtree (inside
     * a container) shows them below {@code mountRoot}.
     */
    static GroupPath relativeToMount(String path, Hierarchy h) {
        GroupPath full = GroupPath.ofKernel(path);
        GroupPath root = GroupPath.ofKernel(h.mountRoot());
        if (!root.isRoot() && root.contains(full)) {
            return new GroupPath(full.names().subList(root.depth(), full.depth()));
        }
        return full;
    }
}
