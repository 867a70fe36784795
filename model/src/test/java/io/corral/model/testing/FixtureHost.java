package io.corral.model.testing;

import io.corral.model.kernel.CgroupFs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    private int nextMountId = 30;

    private FixtureHost(Path root) {
        this.root = root;
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
            group(mount, "tasks", "", "cgroup.clone_children", "0\n");
        }
    }

    private void mountV2(String mount, String controllers) {
        mountinfo.add(nextMountId++ + " 31 0:" + nextMountId + " / " + mount
                + " rw,relatime - cgroup2 cgroup2 rw");
        group(mount, "cgroup.controllers", controllers + "\n", "cgroup.subtree_control", "\n",
                "cgroup.threads", "", "cgroup.max.depth", "max\n", "cgroup.max.descendants", "max\n");
    }

    private FixtureHost writeMountinfo() {
        return file("/proc/self/mountinfo", String.join("\n", mountinfo) + "\n");
    }
}
