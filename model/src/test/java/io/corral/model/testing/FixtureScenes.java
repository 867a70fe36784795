package io.corral.model.testing;

import java.nio.file.Path;

/**
 * Three populated fixture hosts (legacy v1, unified v2, hybrid) with groups, limits, usage
 * and processes as a kernel would show them. Shared by the model's golden tests and the
 * CLI tests.
 */
public final class FixtureScenes {
    private FixtureScenes() {
    }

    /** v1 only: /web (limited in every controller, frozen) with /web/api below it. */
    public static FixtureHost legacy(Path dir) {
        FixtureHost h = FixtureHost.legacy(dir);
        v1Web(h);
        commonProcesses(h).process(4242).command("sleep", "sleep", "600").uid(1000).threads(1)
                .in("cpu", "/web").in("cpuacct", "/web").in("memory", "/web").in("freezer", "/web")
                .in("blkio", "/web").in("pids", "/web").in("cpuset", "/web").write();
        h.process(4300).command("python3", "python3", "-m", "http.server").uid(1000).threads(3).ppid(4242)
                .in("cpu", "/web/api").in("cpuacct", "/web/api").in("pids", "/web").write();
        return h;
    }

    /** v2 only: /web (cpu, memory, io, pids enabled below it) with /web/api, and a frozen /batch. */
    public static FixtureHost unified(Path dir) {
        FixtureHost h = FixtureHost.unified(dir);
        v2Web(h);
        h.cgroup("unified", "/batch", "cgroup.freeze", "1\n", "cgroup.events", "populated 1\nfrozen 1\n");
        commonProcesses(h).process(4242).command("sleep", "sleep", "600").uid(1000).in("unified", "/web/api").write();
        h.process(5000).command("make", "make", "-j2").uid(0).threads(2).in("unified", "/batch").write();
        return h;
    }

    /** v1 controllers plus the cgroup2 hierarchy at /sys/fs/cgroup/unified, as on our machines. */
    public static FixtureHost hybrid(Path dir) {
        FixtureHost h = FixtureHost.hybrid(dir);
        v1Web(h);
        h.cgroup("unified", "/web", "cgroup.events", "populated 1\nfrozen 0\n",
                "cpu.stat", "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\nnice_usec 0\n",
                "cpu.pressure", "some avg10=1.50 avg60=0.75 avg300=0.20 total=123456\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        commonProcesses(h).process(4242).command("sleep", "sleep", "600").uid(1000)
                .in("cpu", "/web").in("memory", "/web").in("freezer", "/web").in("unified", "/web").write();
        return h;
    }

    private static void v1Web(FixtureHost h) {
        h.cgroup("cpu", "/web", "cpu.cfs_quota_us", "50000\n", "cpu.shares", "512\n",
                "cpu.stat", "nr_periods 120\nnr_throttled 7\nthrottled_time 350000000\nnr_bursts 0\nburst_time 0\n");
        h.cgroup("cpu", "/web/api", "cpu.cfs_quota_us", "25000\n", "cpu.cfs_period_us", "50000\n");
        h.cgroup("cpuacct", "/web", "cpuacct.usage", "2500000000\n", "cpuacct.stat", "user 180\nsystem 70\n");
        h.cgroup("cpuacct", "/web/api");
        h.cgroup("memory", "/web", "memory.limit_in_bytes", "268435456\n", "memory.memsw.limit_in_bytes", "335544320\n",
                "memory.soft_limit_in_bytes", "134217728\n", "memory.usage_in_bytes", "52428800\n",
                "memory.max_usage_in_bytes", "104857600\n", "memory.failcnt", "3\n");
        h.cgroup("freezer", "/web", "freezer.state", "FROZEN\n");
        h.cgroup("blkio", "/web", "blkio.throttle.read_bps_device", "8:0 1048576\n",
                "blkio.throttle.write_iops_device", "8:0 100\n8:16 200\n",
                "blkio.throttle.io_service_bytes", "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 12288\n8:0 Async 0\n"
                        + "8:0 Discard 0\n8:0 Total 12288\nTotal 12288\n",
                "blkio.throttle.io_serviced", "8:0 Read 1\n8:0 Write 2\n8:0 Sync 3\n8:0 Async 0\n8:0 Discard 0\n"
                        + "8:0 Total 3\nTotal 3\n");
        h.cgroup("pids", "/web", "pids.max", "64\n", "pids.current", "4\n");
        h.cgroup("cpuset", "/web", "cpuset.cpus", "0-1\n", "cpuset.mems", "0\n");
        h.cgroup("name=systemd", "/user.slice");
    }

    private static void v2Web(FixtureHost h) {
        h.cgroup("unified", "/web", "cgroup.subtree_control", "cpu memory io pids\n",
                "cgroup.events", "populated 1\nfrozen 0\n",
                "cpu.max", "50000 100000\n", "cpu.weight", "200\n", "memory.max", "268435456\n",
                "memory.high", "201326592\n", "memory.low", "16777216\n", "memory.swap.max", "0\n",
                "memory.current", "52428800\n", "memory.peak", "104857600\n",
                "memory.events", "low 0\nhigh 12\nmax 1\noom 0\noom_kill 0\noom_group_kill 0\n",
                "io.max", "8:0 rbps=1048576 wbps=max riops=max wiops=100\n",
                "io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
                        + "8:16 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n",
                "pids.max", "64\n", "pids.current", "1\n", "cpuset.cpus", "0-1\n",
                "cpu.stat", "usage_usec 2500000\nuser_usec 1800000\nsystem_usec 700000\nnice_usec 0\n"
                        + "nr_periods 120\nnr_throttled 7\nthrottled_usec 350000\nnr_bursts 0\nburst_usec 0\n",
                "memory.pressure", "some avg10=0.10 avg60=0.05 avg300=0.01 total=5000\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=1000\n");
        h.cgroup("unified", "/web/api", "cgroup.events", "populated 1\nfrozen 0\n", "pids.max", "16\n",
                "pids.current", "1\n", "memory.max", "max\n", "memory.current", "1048576\n");
    }

    /** kthreadd, one kernel worker and a zombie, at the root of every hierarchy. */
    private static FixtureHost commonProcesses(FixtureHost h) {
        h.process(1).command("init", "/sbin/init").ppid(0).write();
        h.process(2).kernelThread("kthreadd").ppid(0).write();
        h.process(77).kernelThread("kworker/0:1-events").write();
        h.process(900).command("defunct").state('Z').ppid(1).write();
        return h;
    }
}
