package io.corral.model.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A random tree of {@code corral-test-*} groups in several live hierarchies, with limits
 * written straight to the files and {@code sleep} processes this test started moved into
 * them. Everything is registered with {@link LiveCgroups}, which removes it afterwards.
 * Tests compare what Corral reads with {@link #cat} of the same files.
 */
public final class LiveScene {
    /** Mount names under /sys/fs/cgroup used when present. */
    public static final List<String> MOUNTS = List.of("cpu", "cpuacct", "cpuset", "memory", "pids", "freezer", "blkio",
            "unified");

    public final String top;
    /** mount name (cpu, unified...) -> group paths relative to the mount, parents first. */
    public final Map<String, List<String>> groups = new LinkedHashMap<>();
    /** pid -> mount name -> group path it was moved to. */
    public final Map<Long, Map<String, String>> placement = new TreeMap<>();
    public final List<Process> processes = new ArrayList<>();
    /** A block device of this machine for io limits ({@code MAJ:MIN}), if one was found. */
    public final String device;

    private LiveScene(String top, String device) {
        this.top = top;
        this.device = device;
    }

    public static Path mount(String name) {
        return LiveCgroups.CGROUP_ROOT.resolve(name);
    }

    public static boolean mounted(String name) {
        return Files.exists(mount(name).resolve("cgroup.procs"));
    }

    public static LiveScene build(LiveCgroups lc, long seed) throws IOException {
        Random rnd = new Random(seed);
        LiveScene s = new LiveScene(LiveCgroups.newName(), blockDevice());
        for (String m : MOUNTS) {
            if (!mounted(m)) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            paths.add("/" + s.top);
            int n = 2 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                String parent = paths.get(rnd.nextInt(paths.size()));
                paths.add(parent + "/" + LiveCgroups.newName());
            }
            Map<String, Double> cores = new java.util.HashMap<>();
            for (String p : paths) {
                Path dir = lc.mkdir(mount(m), p.substring(1));
                // v1 refuses a child quota above its parent's (EINVAL): each level gets at most its parent's share.
                double parentCores = cores.getOrDefault(p.substring(0, p.lastIndexOf('/')), 4.0);
                double c = parentCores * (0.5 + rnd.nextDouble() * 0.4);
                cores.put(p, c);
                s.configure(m, dir, rnd, c);
            }
            s.groups.put(m, paths);
        }
        for (int i = 0; i < 4; i++) {
            // The last one leaves a zombie child: sh forks a short sleep, then execs a long one that never reaps it.
            Process p = i < 3 ? lc.start("sleep", "600") : lc.start("sh", "-c", "sleep 0 & exec sleep 600");
            s.processes.add(p);
            Map<String, String> where = new TreeMap<>();
            for (Map.Entry<String, List<String>> e : s.groups.entrySet()) {
                String g = e.getValue().get(rnd.nextInt(e.getValue().size()));
                lc.moveInto(mount(e.getKey()).resolve(g.substring(1)), p.pid());
                where.put(e.getKey(), g);
            }
            s.placement.put(p.pid(), where);
        }
        s.awaitZombieChild(s.processes.get(3).pid());
        return s;
    }

    /** Waits (at most 5 s) until the pid has a zombie child, so readers never race the fork. */
    private void awaitZombieChild(long parent) throws IOException {
        for (int i = 0; i < 250; i++) {
            try (var ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : ds) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (f[0].equals("Z") && Long.parseLong(f[1]) == parent) {
                            return;
                        }
                    } catch (IOException | RuntimeException gone) {
                        // exited meanwhile
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IOException("no zombie child of " + parent + " appeared");
    }

    /** Writes limits into our new group (never anyone else's). */
    private void configure(String m, Path dir, Random rnd, double cores) throws IOException {
        LiveCgroups.requireTestPath(dir);
        switch (m) {
            case "cpu" -> {
                long period = rnd.nextBoolean() ? 100_000 : 50_000;
                write(dir, "cpu.cfs_period_us", Long.toString(period));
                write(dir, "cpu.cfs_quota_us", Long.toString(Math.max(1000, (long) (cores * period))));
                write(dir, "cpu.shares", Long.toString(2 + rnd.nextInt(4000)));
            }
            case "memory" -> write(dir, "memory.limit_in_bytes", Long.toString((64L + rnd.nextInt(448)) << 20));
            case "pids" -> write(dir, "pids.max", Integer.toString(10 + rnd.nextInt(90)));
            case "cpuset" -> {
                // A v1 cpuset group takes no tasks until it has cpus and mems: copy the parent's.
                write(dir, "cpuset.cpus", cat(dir.getParent().resolve("cpuset.cpus")));
                write(dir, "cpuset.mems", cat(dir.getParent().resolve("cpuset.mems")));
            }
            case "blkio" -> {
                if (device != null) {
                    write(dir, "blkio.throttle.read_bps_device", device + " " + ((1 + rnd.nextInt(100)) << 20));
                }
            }
            default -> { }
        }
    }

    private static void write(Path dir, String file, String value) throws IOException {
        LiveCgroups.requireTestPath(dir);
        Files.writeString(dir.resolve(file), value);
    }

    /** The trimmed contents of a kernel file, read directly (like {@code cat}). */
    public static String cat(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** A pid or tid list file, read directly and sorted. */
    public static List<Integer> catIds(Path file) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                ids.add(Integer.parseInt(l.strip()));
            }
        }
        ids.sort(null);
        return ids;
    }

    private static String blockDevice() {
        for (String name : List.of("vda", "sda", "nvme0n1", "xvda")) {
            Path dev = Path.of("/sys/block", name, "dev");
            if (Files.exists(dev)) {
                try {
                    return cat(dev);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
