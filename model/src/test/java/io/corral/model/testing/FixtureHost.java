package io.corral.model.testing;

import io.corral.model.kernel.CgroupFs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory laid out like a host's {@code /proc} and {@code /sys/fs/cgroup}, for model
 * tests without a kernel. Layouts: {@link #hybrid}, {@link #legacy} (v1 only) and
 * {@link #unified} (v2 only), each with the root interface files a real mount has.
 */
public final class FixtureHost {
    /** v1 hierarchies of our machines: mount name and the mount's super options. */
    public static final List<String[]> V1_HIERARCHIES = List.of(
            new String[] {"cpu", "rw,cpu"},
            new String[] {"cpuacct", "rw,cpuacct"},
            new String[] {"cpuset", "rw,cpuset"},
            new String[] {"memory", "rw,memory"},
            new String[] {"devices", "rw,devices"},
            new String[] {"freezer", "rw,freezer"},
            new String[] {"blkio", "rw,blkio"},
            new String[] {"pids", "rw,pids"},
            new String[] {"systemd", "rw,name=systemd"});

    private final Path root;
    private final List<String> mountinfo = new ArrayList<>();
    /** hierarchy id (as in /proc/PID/cgroup, normalised) -> host-absolute mount, in mount order. */
    private final Map<String, String> mounts = new LinkedHashMap<>();
    private int nextMountId = 30;

    private FixtureHost(Path root) {
        this.root = root;
        file("/proc/sys/kernel/hostname", "fixture-host\n");
        file("/proc/sys/kernel/osrelease", "6.1.0-fixture\n");
        file("/proc/stat", "cpu  100 0 50 1000 0 0 0 0 0 0\ncpu0 50 0 25 500 0 0 0 0 0 0\n"
                + "cpu1 50 0 25 500 0 0 0 0 0 0\nintr 0\nctxt 0\nbtime 1700000000\n");
        file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                + "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\n");
    }

    /** v1 controllers under /sys/fs/cgroup/NAME plus cgroup2 at /sys/fs/cgroup/unified. */
    public static FixtureHost hybrid(Path dir) {
        FixtureHost h = new FixtureHost(dir);
        h.mountV1All();
        h.mountV2("/sys/fs/cgroup/unified", "hugetlb");
        return h.writeMountinfo();
    }

    /** Only v1 hierarchies. */
    public static FixtureHost legacy(Path dir) {
        FixtureHost h = new FixtureHost(dir);
        h.mountV1All();
        return h.writeMountinfo();
    }

    /** Only cgroup2 at /sys/fs/cgroup, with the usual controllers enabled at the root. */
    public static FixtureHost unified(Path dir) {
        FixtureHost h = new FixtureHost(dir);
        h.mountV2("/sys/fs/cgroup", "cpuset cpu io memory hugetlb pids rdma misc");
        h.file("/sys/fs/cgroup/cgroup.subtree_control", "cpuset cpu io memory pids\n");
        return h.writeMountinfo();
    }

    public Path root() {
        return root;
    }

    public CgroupFs fs() {
        return new CgroupFs(root);
    }

    /** The fixture path of a host-absolute path. */
    public Path path(String hostAbsolute) {
        return root.resolve(hostAbsolute.substring(1));
    }

    /** Writes (creating parents) a file at a host-absolute path. */
    public FixtureHost file(String hostAbsolute, String content) {
        try {
            Path p = path(hostAbsolute);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a group directory (and parents) with the given interface files (name, content pairs). */
    public Path group(String hostAbsoluteDir, String... nameContentPairs) {
        try {
            Path dir = path(hostAbsoluteDir);
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("cgroup.procs"))) {
                Files.writeString(dir.resolve("cgroup.procs"), "");
            }
            for (int i = 0; i + 1 < nameContentPairs.length; i += 2) {
                Files.writeString(dir.resolve(nameContentPairs[i]), nameContentPairs[i + 1]);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a group (and any missing parents, the same way) with the interface files
     * and default values a kernel gives a new group in that hierarchy, then applies the
     * overrides (name, content pairs). {@code hierarchyId} is {@code cpu}, {@code memory},
     * ..., {@code name=systemd} or {@code unified}.
     */
    public Path cgroup(String hierarchyId, String path, String... overrides) {
        String mount = mount(hierarchyId);
        String parent = path.substring(0, Math.max(path.lastIndexOf('/'), 0));
        if (!parent.isEmpty() && !java.nio.file.Files.isDirectory(path(mount + parent))) {
            cgroup(hierarchyId, parent);
        }
        Path dir = path(mount + path);
        if (!java.nio.file.Files.isDirectory(dir)) {
            List<String> files = new ArrayList<>(hierarchyId.equals("unified")
                    ? FixtureFiles.v2Group(read(path(mount + (parent.isEmpty() ? "" : parent)).resolve("cgroup.subtree_control")))
                    : FixtureFiles.v1Group(hierarchyId));
            group(mount + path, files.toArray(new String[0]));
        }
        group(mount + path, overrides);
        return dir;
    }

    /** Removes a fixture directory and everything in it (a group removed by someone else). */
    public void remove(String hostAbsolute) {
        try (var s = Files.walk(path(hostAbsolute))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a fixture file (host-absolute or already resolved). */
    public String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a raw line to mountinfo (call before reading it again). */
    public FixtureHost mountinfoLine(String line) {
        mountinfo.add(line);
        return writeMountinfo();
    }

    private void mountV1All() {
        mountinfo.add("31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755");
        for (String[] h : V1_HIERARCHIES) {
            String mount = "/sys/fs/cgroup/" + h[0];
            mountinfo.add(nextMountId++ + " 31 0:" + nextMountId + " / " + mount
                    + " rw,relatime - cgroup cgroup " + h[1]);
            mounts.put(h[1].substring(3), mount);
            group(mount, FixtureFiles.v1Root(h[1].substring(3)).toArray(new String[0]));
        }
    }

    private void mountV2(String mount, String controllers) {
        mounts.put("unified", mount);
        mountinfo.add(nextMountId++ + " 31 0:" + nextMountId + " / " + mount
                + " rw,relatime - cgroup2 cgroup2 rw");
        group(mount, "cgroup.controllers", controllers + "\n", "cgroup.subtree_control", "\n",
                "cgroup.threads", "", "cgroup.max.depth", "max\n", "cgroup.max.descendants", "max\n",
                "cgroup.stat", "nr_descendants 0\nnr_dying_descendants 0\n",
                "cpu.stat", "usage_usec 43017317\nuser_usec 28100696\nsystem_usec 14916620\nnice_usec 0\n",
                "cpu.pressure", "some avg10=4.44 avg60=1.65 avg300=1.28 total=7568579\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
                "memory.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=120\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=80\n",
                "io.pressure", "some avg10=0.00 avg60=0.00 avg300=0.03 total=1577198\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=1239643\n");
    }

    /** The host-absolute mount of a hierarchy id ({@code cpu}, {@code name=systemd}, {@code unified}). */
    public String mount(String hierarchyId) {
        String m = mounts.get(hierarchyId);
        if (m == null) {
            throw new IllegalArgumentException("no fixture hierarchy " + hierarchyId + " (have " + mounts.keySet() + ")");
        }
        return m;
    }

    /**
     * A process as the process-tree readers see it (checkpoint pre-flight): a full-length
     * stat with its parent and session, status with NSpid and VmRSS, one cgroup line
     * ({@code freezer:/corral-test-p}), comm, an empty fd directory and no children yet
     * (write {@code /proc/PID/task/PID/children} to add some). Groups are not touched.
     */
    public FixtureHost processEntry(long pid, long ppid, long sid, String comm, String cgroupLine, long rssKb) {
        String dir = "/proc/" + pid;
        file(dir + "/stat", pid + " (" + comm + ") S " + ppid + " " + pid + " " + sid
                + " 0 -1 4194560 0 0 0 0 1 1 0 0 20 0 1 0 100 1000000 " + rssKb / 4 + " 0\n");
        file(dir + "/status", "Name:\t" + comm + "\nNSpid:\t" + pid + "\nVmRSS:\t" + rssKb + " kB\n");
        file(dir + "/cgroup", "6:" + cgroupLine + "\n");
        file(dir + "/comm", comm + "\n");
        file(dir + "/task/" + pid + "/children", "");
        try {
            Files.createDirectories(path(dir + "/fd"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Starts describing a process under /proc; finish with {@link FixtureProcess#write()}. */
    public FixtureProcess process(int pid) {
        return new FixtureProcess(this, pid);
    }

    Map<String, String> mounts() {
        return mounts;
    }

    /** Appends a line to a file (creating it). */
    void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FixtureHost writeMountinfo() {
        return file("/proc/self/mountinfo", String.join("\n", mountinfo) + "\n");
    }
}
