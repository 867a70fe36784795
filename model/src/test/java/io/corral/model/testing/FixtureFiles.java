package io.corral.model.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The interface files, with the kernel's default contents, of a freshly made group (as
 * seen on Linux 6.x). Name/content pairs for {@link FixtureHost#group}.
 */
final class FixtureFiles {
    /** v1 memory "unlimited": LONG_MAX rounded down to a 4 KiB page. */
    static final String V1_UNLIMITED = "9223372036854771712\n";

    private FixtureFiles() {
    }

    static List<String> v1Group(String hierarchyId) {
        List<String> f = new ArrayList<>(List.of("cgroup.procs", "", "tasks", "", "cgroup.clone_children", "0\n",
                "notify_on_release", "0\n"));
        for (String c : hierarchyId.split(",")) {
            switch (c) {
                case "cpu" -> add(f, "cpu.cfs_quota_us", "-1\n", "cpu.cfs_period_us", "100000\n", "cpu.shares", "1024\n",
                        "cpu.idle", "0\n",
                        "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\nnr_bursts 0\nburst_time 0\n");
                case "cpuacct" -> add(f, "cpuacct.usage", "0\n", "cpuacct.stat", "user 0\nsystem 0\n",
                        "cpuacct.usage_percpu", "0 0 \n");
                case "cpuset" -> add(f, "cpuset.cpus", "\n", "cpuset.mems", "\n", "cpuset.effective_cpus", "\n",
                        "cpuset.effective_mems", "\n", "cpuset.cpu_exclusive", "0\n");
                case "memory" -> add(f, "memory.limit_in_bytes", V1_UNLIMITED, "memory.soft_limit_in_bytes", V1_UNLIMITED,
                        "memory.memsw.limit_in_bytes", V1_UNLIMITED, "memory.usage_in_bytes", "0\n",
                        "memory.max_usage_in_bytes", "0\n", "memory.failcnt", "0\n", "memory.memsw.usage_in_bytes", "0\n");
                case "freezer" -> add(f, "freezer.state", "THAWED\n", "freezer.self_freezing", "0\n",
                        "freezer.parent_freezing", "0\n");
                case "blkio" -> add(f, "blkio.throttle.read_bps_device", "", "blkio.throttle.write_bps_device", "",
                        "blkio.throttle.read_iops_device", "", "blkio.throttle.write_iops_device", "",
                        "blkio.throttle.io_service_bytes", "Total 0\n", "blkio.throttle.io_serviced", "Total 0\n");
                case "pids" -> add(f, "pids.max", "max\n", "pids.current", "0\n", "pids.events", "max 0\n");
                case "devices" -> add(f, "devices.list", "a *:* rwm\n");
                default -> { } // name=systemd: only the core files
            }
        }
        return f;
    }

    /** The root of a v1 hierarchy: the group files minus those only children have. */
    static List<String> v1Root(String hierarchyId) {
        List<String> group = v1Group(hierarchyId);
        List<String> f = new ArrayList<>();
        for (int i = 0; i < group.size(); i += 2) {
            String name = group.get(i);
            if (name.startsWith("freezer.") || name.startsWith("pids.")) {
                continue; // the freezer and pids roots cannot be limited or frozen
            }
            String content = group.get(i + 1);
            switch (name) {
                case "cpuset.cpus", "cpuset.effective_cpus" -> content = "0-1\n";
                case "cpuset.mems", "cpuset.effective_mems" -> content = "0\n";
                case "cpuacct.usage" -> content = "44784953007\n";
                case "cpuacct.stat" -> content = "user 2925\nsystem 1552\n";
                case "memory.usage_in_bytes" -> content = "1183412224\n";
                case "memory.max_usage_in_bytes" -> content = "2046242816\n";
                default -> { }
            }
            f.add(name);
            f.add(content);
        }
        f.addAll(List.of("cgroup.sane_behavior", "0\n", "release_agent", "\n"));
        return f;
    }

    /** A v2 group below a parent whose {@code cgroup.subtree_control} is given. */
    static List<String> v2Group(String parentSubtreeControl) {
        List<String> enabled = Arrays.stream(parentSubtreeControl.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        List<String> f = new ArrayList<>(List.of("cgroup.procs", "", "cgroup.threads", "",
                "cgroup.controllers", String.join(" ", enabled) + "\n", "cgroup.subtree_control", "\n",
                "cgroup.type", "domain\n", "cgroup.events", "populated 0\nfrozen 0\n", "cgroup.freeze", "0\n",
                "cgroup.max.depth", "max\n", "cgroup.max.descendants", "max\n",
                "cgroup.stat", "nr_descendants 0\nnr_dying_descendants 0\n",
                "cpu.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
                "memory.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
                "io.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"));
        String cpuStat = "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnice_usec 0\ncore_sched.force_idle_usec 0\n";
        if (enabled.contains("cpu")) {
            cpuStat += "nr_periods 0\nnr_throttled 0\nthrottled_usec 0\nnr_bursts 0\nburst_usec 0\n";
            add(f, "cpu.max", "max 100000\n", "cpu.weight", "100\n", "cpu.weight.nice", "0\n", "cpu.idle", "0\n");
        }
        add(f, "cpu.stat", cpuStat);
        if (enabled.contains("memory")) {
            add(f, "memory.current", "0\n", "memory.peak", "0\n", "memory.max", "max\n", "memory.high", "max\n",
                    "memory.low", "0\n", "memory.min", "0\n", "memory.swap.max", "max\n", "memory.swap.current", "0\n",
                    "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
        }
        if (enabled.contains("io")) {
            add(f, "io.max", "", "io.stat", "", "io.weight", "default 100\n");
        }
        if (enabled.contains("pids")) {
            add(f, "pids.max", "max\n", "pids.current", "0\n", "pids.events", "max 0\n");
        }
        if (enabled.contains("cpuset")) {
            add(f, "cpuset.cpus", "\n", "cpuset.mems", "\n", "cpuset.cpus.effective", "0-1\n", "cpuset.mems.effective", "0\n");
        }
        return f;
    }

    private static void add(List<String> f, String... pairs) {
        f.addAll(List.of(pairs));
    }
}
