package io.corral.model.limit;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitReaderTest {
    @TempDir
    Path dir;

    @Test
    void v2GroupLimitsWithTheirFiles() {
        FixtureHost host = FixtureHost.unified(dir);
        Path g = host.group("/sys/fs/cgroup/web",
                "cpu.max", "50000 100000\n", "cpu.weight", "200\n", "memory.max", "268435456\n",
                "memory.high", "max\n", "memory.low", "0\n", "memory.min", "0\n", "memory.swap.max", "max\n",
                "pids.max", "64\n", "io.max", "8:0 rbps=1048576 wbps=max riops=max wiops=100\n",
                "cpuset.cpus", "0-1\n", "cpuset.mems", "\n");
        Hierarchy h = new Hierarchy("unified", CgroupVersion.V2,
                List.of("cpuset", "cpu", "io", "memory", "pids"), "/sys/fs/cgroup", "/");
        List<ReadProblem> problems = new ArrayList<>();
        GroupLimits l = new LimitReader(host.fs()).read(g, h, problems);
        assertEquals(List.of(), problems);
        assertEquals("0.5", l.value(Knob.CPU_QUOTA).orElseThrow().toString());
        assertEquals("cpu.max", l.get(Knob.CPU_QUOTA).orElseThrow().file());
        assertEquals("50000 100000", l.get(Knob.CPU_QUOTA).orElseThrow().raw());
        assertEquals("200", l.value(Knob.CPU_WEIGHT).orElseThrow().toString());
        assertEquals("256M", l.value(Knob.MEMORY_MAX).orElseThrow().toString());
        assertEquals("max", l.value(Knob.MEMORY_HIGH).orElseThrow().toString());
        assertEquals("max", l.value(Knob.MEMORY_SWAP).orElseThrow().toString());
        assertEquals("64", l.value(Knob.PIDS_MAX).orElseThrow().toString());
        assertEquals("8:0 1M", l.value(Knob.IO_RBPS).orElseThrow().toString());
        assertEquals("8:0 100", l.value(Knob.IO_WIOPS).orElseThrow().toString());
        assertTrue(l.get(Knob.IO_WBPS).isEmpty(), "no device limits wbps: absent");
        assertEquals("0-1", l.value(Knob.CPUSET_CPUS).orElseThrow().toString());
        assertEquals("", l.value(Knob.CPUSET_MEMS).orElseThrow().toString());
    }

    @Test
    void v1MemoryGroupDerivesSwapFromMemsw() {
        FixtureHost host = FixtureHost.legacy(dir);
        Path g = host.group("/sys/fs/cgroup/memory/web", "memory.limit_in_bytes", "268435456\n",
                "memory.soft_limit_in_bytes", "9223372036854771712\n",
                "memory.memsw.limit_in_bytes", "335544320\n");
        Hierarchy h = new Hierarchy("memory", CgroupVersion.V1, List.of("memory"), "/sys/fs/cgroup/memory", "/");
        List<ReadProblem> problems = new ArrayList<>();
        GroupLimits l = new LimitReader(host.fs()).read(g, h, problems);
        assertEquals(List.of(), problems);
        assertEquals("256M", l.value(Knob.MEMORY_MAX).orElseThrow().toString());
        assertEquals("memory.limit_in_bytes", l.get(Knob.MEMORY_MAX).orElseThrow().file());
        assertEquals("max", l.value(Knob.MEMORY_LOW).orElseThrow().toString());
        assertEquals("64M", l.value(Knob.MEMORY_SWAP).orElseThrow().toString());
        assertEquals("335544320", l.get(Knob.MEMORY_SWAP).orElseThrow().raw());
        assertTrue(l.get(Knob.MEMORY_HIGH).isEmpty());
        assertTrue(l.get(Knob.CPU_QUOTA).isEmpty(), "not a cpu hierarchy");
    }

    @Test
    void v1CpuQuotaAndSharesAndMissingFilesAreAbsent() {
        FixtureHost host = FixtureHost.legacy(dir);
        Path g = host.group("/sys/fs/cgroup/cpu/web", "cpu.cfs_quota_us", "25000\n", "cpu.cfs_period_us", "50000\n",
                "cpu.shares", "1024\n");
        Hierarchy h = new Hierarchy("cpu", CgroupVersion.V1, List.of("cpu"), "/sys/fs/cgroup/cpu", "/");
        List<ReadProblem> problems = new ArrayList<>();
        GroupLimits l = new LimitReader(host.fs()).read(g, h, problems);
        assertEquals(List.of(), problems);
        assertEquals(new LimitValue.CpuQuota(25000, 50000), l.value(Knob.CPU_QUOTA).orElseThrow());
        assertEquals("0.5/50000", l.value(Knob.CPU_QUOTA).orElseThrow().toString());
        assertEquals("39", l.value(Knob.CPU_WEIGHT).orElseThrow().toString());
        assertEquals("1024", l.get(Knob.CPU_WEIGHT).orElseThrow().raw());
        assertEquals(2, l.asMap().size());
    }

    @Test
    void malformedFileIsAReadProblemAndTheOtherLimitsStillRead() {
        FixtureHost host = FixtureHost.unified(dir);
        Path g = host.group("/sys/fs/cgroup/web", "memory.max", "lots\n", "pids.max", "10\n");
        Hierarchy h = new Hierarchy("unified", CgroupVersion.V2, List.of("memory", "pids"), "/sys/fs/cgroup", "/");
        List<ReadProblem> problems = new ArrayList<>();
        GroupLimits l = new LimitReader(host.fs()).read(g, h, problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).path().endsWith("web/memory.max"), problems.toString());
        assertEquals("10", l.value(Knob.PIDS_MAX).orElseThrow().toString());
        assertTrue(l.get(Knob.MEMORY_MAX).isEmpty());
    }
}
