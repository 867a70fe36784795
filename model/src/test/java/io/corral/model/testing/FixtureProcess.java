package io.corral.model.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process in a {@link FixtureHost}: writes {@code /proc/PID/{stat,status,cmdline,cgroup,task/}}
 * as the kernel formats them, and lists the pid (and its thread ids) in the
 * {@code cgroup.procs} / {@code tasks} / {@code cgroup.threads} of its group in every
 * hierarchy (the root where no group was given).
 */
public final class FixtureProcess {
    private final FixtureHost host;
    private final int pid;
    private int ppid = 1;
    private String comm = "sleep";
    private List<String> cmdline = List.of("sleep", "600");
    private char state = 'S';
    private int uid;
    private int threads = 1;
    private boolean kernelThread;
    private long utime = 12;
    private long stime = 3;
    private long rssPages = 415;
    private final Map<String, String> groups = new LinkedHashMap<>();

    FixtureProcess(FixtureHost host, int pid) {
        this.host = host;
        this.pid = pid;
    }

    public FixtureProcess ppid(int ppid) {
        this.ppid = ppid;
        return this;
    }

    public FixtureProcess command(String comm, String... args) {
        this.comm = comm;
        this.cmdline = List.of(args);
        return this;
    }

    public FixtureProcess state(char state) {
        this.state = state;
        if (state == 'Z') {
            cmdline = List.of();
        }
        return this;
    }

    public FixtureProcess uid(int uid) {
        this.uid = uid;
        return this;
    }

    public FixtureProcess threads(int threads) {
        this.threads = threads;
        return this;
    }

    public FixtureProcess cpuTicks(long utime, long stime) {
        this.utime = utime;
        this.stime = stime;
        return this;
    }

    /** Field 24 of stat: resident pages (the kernel prints 0 for kernel threads and zombies). */
    public FixtureProcess rssPages(long pages) {
        this.rssPages = pages;
        return this;
    }

    /** A kernel thread: PF_KTHREAD in the flags, parent kthreadd, no cmdline. */
    public FixtureProcess kernelThread(String comm) {
        this.kernelThread = true;
        this.comm = comm;
        this.cmdline = List.of();
        this.ppid = 2;
        return this;
    }

    /** Puts the process in group {@code path} of the hierarchy (the group directory must exist). */
    public FixtureProcess in(String hierarchyId, String path) {
        host.mount(hierarchyId);
        groups.put(hierarchyId, path);
        return this;
    }

    /** The thread ids: the pid, then pid+1... */
    public List<Integer> tids() {
        List<Integer> t = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            t.add(pid + i);
        }
        return t;
    }

    public FixtureHost write() {
        String dir = "/proc/" + pid;
        long flags = kernelThread ? 0x00208040L : 0x00400100L;
        host.file(dir + "/stat", pid + " (" + comm + ") " + state + " " + ppid + " " + pid + " " + pid
                + " 0 -1 " + flags + " 100 0 0 0 " + utime + " " + stime + " 0 0 20 0 " + threads
                + " 0 5000 3133440 " + (kernelThread || state == 'Z' ? 0 : rssPages) + " 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
        host.file(dir + "/status", "Name:\t" + comm + "\nUmask:\t0022\nState:\t" + state + " (x)\nTgid:\t" + pid
                + "\nPid:\t" + pid + "\nPPid:\t" + ppid + "\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nThreads:\t" + threads + "\n");
        host.file(dir + "/cmdline", cmdline.isEmpty() ? "" : String.join("\0", cmdline) + "\0");
        for (int tid : tids()) {
            // Threads other than the main one are named "<comm>-<n>" and sleep.
            int n = tid - pid;
            String name = n == 0 ? comm : comm + "-" + n;
            host.file(dir + "/task/" + tid + "/stat", tid + " (" + name + ") " + (n == 0 ? state : 'S') + " " + ppid + " "
                    + pid + " " + pid + " 0 -1 " + flags + " 10 0 0 0 1 1 0 0 20 0 " + threads
                    + " 0 5000 3133440 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
            host.file(dir + "/task/" + tid + "/comm", name + "\n");
        }
        StringBuilder cg = new StringBuilder();
        int n = 1;
        for (Map.Entry<String, String> m : host.mounts().entrySet()) {
            String id = m.getKey();
            String path = groups.getOrDefault(id, "/");
            String controllers = id.equals("unified") ? "" : id;
            int number = id.equals("unified") ? 0 : n++;
            cg.insert(0, number + ":" + controllers + ":" + path + "\n");
            Path groupDir = host.path(m.getValue() + (path.equals("/") ? "" : path));
            host.append(groupDir.resolve("cgroup.procs"), Integer.toString(pid));
            for (int tid : tids()) {
                host.append(groupDir.resolve(id.equals("unified") ? "cgroup.threads" : "tasks"), Integer.toString(tid));
            }
        }
        host.file(dir + "/cgroup", cg.toString());
        for (int tid : tids()) {
            host.file(dir + "/task/" + tid + "/cgroup", cg.toString());
        }
        return host;
    }
}
