package io.corral.model.proc;

import io.corral.model.kernel.KeptFiles;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.kernel.ReadProblem;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Group membership of every task, from {@code /proc/<pid>/task/<tid>/cgroup}: which
 * processes ({@code cgroup.procs}) and threads ({@code tasks}, {@code cgroup.threads}) each
 * group holds, in every hierarchy at once. This is how the tracking sampler learns
 * membership without opening two membership files per group per hierarchy: a kept v1
 * {@code cgroup.procs}/{@code tasks} fd returns a stale pid list (the kernel caches it while
 * reads come less than about a second apart), and opening them fresh costs more than the
 * rest of a group's reading. The per-task files are kept open (a {@code /proc} seq file read
 * at offset 0 is fresh; an exited task's fd reads ESRCH, also when its pid is reused).
 *
 * <p>v1 {@code cgroup.procs} lists the thread-group id of every thread in the group, so a
 * process whose threads sit in different groups is listed in each of them; the scan does
 * the same.
 */
public final class TaskCgroups implements AutoCloseable {

    /** The processes and threads of one group, ascending. */
    public record Members(List<Integer> processes, List<Integer> threads) {
        public static final Members NONE = new Members(List.of(), List.of());
    }

    private static final class Task {
        final int pid;
        final int tid;
        /** Remembers the length and fingerprint of the last reading ({@link KeptFiles.Handle#remember}). */
        final KeptFiles.Handle file;
        Map<String, String> groups = Map.of();
        long seen;

        Task(int pid, int tid, KeptFiles.Handle file) {
            this.pid = pid;
            this.tid = tid;
            this.file = file;
        }
    }

    /** A process: its kept stat file (for the thread count) and its threads as last listed. */
    private static final class Proc {
        final int pid;
        final KeptFiles.Handle stat;
        final List<Task> tasks = new java.util.ArrayList<>();
        int threads = -1;
        boolean relist = true;
        long seen;

        Proc(int pid, KeptFiles.Handle stat) {
            this.pid = pid;
            this.stat = stat;
        }
    }

    private final ProcFs procfs;
    private final KeptFiles files;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(8192);
    private final PidList listing;
    private final PidTable<Task> tasks = new PidTable<>();
    private final PidTable<Proc> procs = new PidTable<>();
    /** Which tasks each group holds, kept up to date as tasks come, go and move. */
    private final TaskCgroupsMembership<Task> membership = new TaskCgroupsMembership<>(t -> t.pid);
    /**
     * Parsed {@code cgroup} files by their text: the threads of a process, and the processes
     * of a service, mostly share one, so a new thread costs a string, not a parse.
     */
    private final Map<String, Map<String, String>> parsed = new HashMap<>();
    private static final int PARSED_KEPT = 4096;
    private long scan;

    public TaskCgroups(ProcFs procfs, int fdBudget) {
        this.procfs = procfs;
        this.files = new KeptFiles(procfs.hostRoot(), fdBudget);
        this.listing = new PidList(procfs.hostRoot().resolve("proc"));
    }

    /**
     * Reads every task's groups again.
     *
     * @return true if membership changed since the previous scan
     */
    public boolean scan(List<ReadProblem> problems) {
        scan++;
        files.nextTick();
        boolean changed = false;
        int count;
        try {
            count = listing.listProcesses();
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return false;
        }
        for (int k = 0; k < count; k++) {
            int pid = listing.pid(k);
            Proc pr = procs.get(pid);
            if (pr == null) {
                try {
                    pr = new Proc(pid, files.handle(procfs.processFile(pid, "stat")));
                } catch (KernelException e) {
                    problems.add(ReadProblem.of(e));
                    continue;
                }
                procs.put(pid, pr);
            }
            int threads = threadCount(pr, problems);
            if (threads < 0) {
                continue; // gone (or reused: the kept stat fd reads ESRCH); its tasks go below
            }
            pr.seen = scan;
            if (pr.relist || threads != pr.threads) {
                changed |= relist(pr, threads, problems);
            } else {
                // Same number of threads and none gone: the same threads (a thread that exited
                // reads ESRCH on its kept fd, and then the process is listed again next time).
                for (int j = 0; j < pr.tasks.size(); j++) {
                    Task t = pr.tasks.get(j);
                    changed |= read(t, problems);
                    if (t.file.lastLength() < 0) {
                        pr.relist = true;
                    } else {
                        t.seen = scan;
                    }
                }
            }
        }
        long now = scan;
        procs.removeIf(pr -> {
            if (pr.seen == now) {
                return false;
            }
            files.release(pr.stat);
            return true;
        });
        int before = tasks.size();
        tasks.removeIf(t -> {
            if (t.seen == now) {
                return false;
            }
            files.release(t.file);
            place(t, Map.of());
            return true;
        });
        changed |= tasks.size() != before;
        membership.forgetEmptied();
        return changed;
    }

    /** Lists the threads of a process again and reads each one's groups. */
    private boolean relist(Proc pr, int threads, List<ReadProblem> problems) {
        boolean changed = false;
        int listed;
        try {
            listed = Math.max(0, listing.listThreads(pr.pid)); // -1: gone, its tasks go in the sweep
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return false;
        }
        pr.tasks.clear();
        pr.threads = threads;
        pr.relist = false;
        for (int k = 0; k < listed; k++) {
            int tid = listing.tid(k);
            Task t = tasks.get(tid);
            if (t == null || t.pid != pr.pid) {
                if (t != null) {
                    files.release(t.file);
                    place(t, Map.of());
                }
                try {
                    t = new Task(pr.pid, tid, files.handle(procfs.taskFile(pr.pid, tid, "cgroup")));
                } catch (KernelException e) {
                    problems.add(ReadProblem.of(e));
                    continue;
                }
                tasks.put(tid, t);
                changed = true;
            }
            changed |= read(t, problems);
            if (t.file.lastLength() >= 0) {
                t.seen = scan;
                pr.tasks.add(t);
            }
        }
        if (listed != threads) {
            pr.relist = true; // threads came or went while listing: look again next time
        }
        return changed;
    }

    /** Field 20 of {@code /proc/PID/stat} (after the parenthesised comm, which may hold spaces); -1 if gone. */
    private int threadCount(Proc pr, List<ReadProblem> problems) {
        int n;
        try {
            n = files.read(pr.stat, buf);
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return -1;
        }
        if (n <= 0) {
            return -1;
        }
        int close = -1;
        for (int i = n - 1; i >= 0; i--) {
            if (buf.get(i) == ')') {
                close = i;
                break;
            }
        }
        int field = 2;
        int i = close + 1;
        while (i < n && field < 20) {
            if (buf.get(i) == ' ') {
                field++;
            }
            i++;
        }
        int v = 0;
        boolean digits = false;
        for (; i < n && buf.get(i) >= '0' && buf.get(i) <= '9'; i++) {
            v = v * 10 + (buf.get(i) - '0');
            digits = true;
        }
        if (close < 0 || !digits) {
            pr.relist = true; // unexpected shape: list the threads every time rather than guess
            return Integer.MAX_VALUE;
        }
        return v;
    }

    /** Members of a group, by hierarchy id ({@code unified}, {@code memory}, {@code name=systemd}) and path. */
    public Members members(String hierarchyId, String path) {
        return membership.members(hierarchyId, path);
    }

    /** The per-task files read on every scan. */
    public List<java.nio.file.Path> files() {
        List<java.nio.file.Path> out = new java.util.ArrayList<>(tasks.size());
        tasks.forEach(t -> out.add(t.file.path()));
        return out;
    }

    /** Tasks whose cgroup file is kept open now. */
    public int keptFiles() {
        return files.openCount();
    }

    /** @return true if the task's groups changed (or it is gone) */
    private boolean read(Task t, List<ReadProblem> problems) {
        int n;
        try {
            n = files.read(t.file, buf);
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return false;
        }
        if (n < 0) {
            boolean had = !t.groups.isEmpty();
            place(t, Map.of()); // exited between listing and reading
            t.file.remember(-1, 0);
            return had;
        }
        long print = KeptFiles.print(KeptFiles.PRINT_SEED, buf, n);
        if (n == t.file.lastLength() && print == t.file.lastPrint()) {
            return false;
        }
        t.file.remember(n, print);
        byte[] bytes = new byte[n];
        buf.get(0, bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        Map<String, String> groups = parsed.get(text);
        if (groups == null) {
            try {
                groups = Collections.unmodifiableMap(ProcCgroups.parse(text));
                if (parsed.size() >= PARSED_KEPT) {
                    parsed.clear();
                }
                parsed.put(text, groups);
            } catch (MalformedFileException e) {
                problems.add(new ReadProblem(t.file.path().toString(), e.getMessage()));
                groups = Map.of();
            }
        }
        place(t, groups);
        return true;
    }

    /** Moves a task from its old groups to {@code groups}. */
    private void place(Task t, Map<String, String> groups) {
        membership.place(t, t.tid, t.groups, groups);
        t.groups = groups;
    }

    @Override
    public void close() {
        files.close();
        procs.clear();
    }

}
