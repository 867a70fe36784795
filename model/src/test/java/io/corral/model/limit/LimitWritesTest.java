package io.corral.model.limit;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.LimitValue.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitWritesTest {

    /** knob | value | version | the writes, "file=text" joined by "; " (no current limits known) */
    @ParameterizedTest(name = "{0}={1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cpu.quota   | 0.5        | V2 | cpu.max=50000 100000
            cpu.quota   | 1.5/50000  | V2 | cpu.max=75000 50000
            cpu.quota   | max        | V2 | cpu.max=max
            cpu.quota   | 0.5        | V1 | cpu.cfs_period_us=100000; cpu.cfs_quota_us=50000
            cpu.quota   | max        | V1 | cpu.cfs_quota_us=-1
            cpu.weight  | 100        | V2 | cpu.weight=100
            cpu.weight  | 100        | V1 | cpu.shares=2597
            cpu.weight  | 1          | V1 | cpu.shares=2
            memory.max  | 256M       | V2 | memory.max=268435456
            memory.max  | max        | V2 | memory.max=max
            memory.max  | 256M       | V1 | memory.limit_in_bytes=268435456
            memory.max  | max        | V1 | memory.limit_in_bytes=-1
            memory.high | 1G         | V2 | memory.high=1073741824
            memory.low  | 64M        | V2 | memory.low=67108864
            memory.low  | 64M        | V1 | memory.soft_limit_in_bytes=67108864
            memory.min  | 0          | V2 | memory.min=0
            memory.swap | 0          | V2 | memory.swap.max=0
            memory.swap | max        | V1 | memory.memsw.limit_in_bytes=-1
            pids.max    | 64         | V1 | pids.max=64
            pids.max    | max        | V2 | pids.max=max
            io.rbps     | 8:0 10M    | V2 | io.max=8:0 rbps=10485760
            io.wiops    | 8:0 max    | V2 | io.max=8:0 wiops=max
            io.rbps     | 8:0 10M    | V1 | blkio.throttle.read_bps_device=8:0 10485760
            io.wbps     | 8:0 max    | V1 | blkio.throttle.write_bps_device=8:0 0
            io.riops    | 8:0 100    | V1 | blkio.throttle.read_iops_device=8:0 100
            io.wiops    | 8:0 100    | V1 | blkio.throttle.write_iops_device=8:0 100
            cpuset.cpus | 0-1        | V1 | cpuset.cpus=0-1
            cpuset.mems | 0          | V2 | cpuset.mems=0
            """)
    void writesPerVersion(String knob, String value, CgroupVersion version, String expected) throws Exception {
        Knob k = Knob.parse(knob);
        assertEquals(expected, show(LimitWrites.plan(k, LimitParser.parse(k, value), version, GroupLimits.NONE)));
    }

    @Test
    void v2OnlyKnobsAreRefusedOnV1() {
        for (Knob k : List.of(Knob.MEMORY_HIGH, Knob.MEMORY_MIN)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> LimitWrites.plan(k, new Bytes(1 << 20), CgroupVersion.V1, GroupLimits.NONE));
            assertTrue(e.getMessage().contains("no cgroup v1 equivalent"), e.getMessage());
        }
    }

    @Test
    void v1QuotaSkipsThePeriodWhenItIsAlreadyRight() throws Exception {
        GroupLimits now = limits(new Limit(Knob.CPU_QUOTA, new LimitValue.CpuQuota(20000, 100000), "cpu.cfs_quota_us", "20000"));
        assertEquals("cpu.cfs_quota_us=150000",
                show(LimitWrites.plan(Knob.CPU_QUOTA, LimitParser.parse(Knob.CPU_QUOTA, "1.5"), CgroupVersion.V1, now)));
    }

    @Test
    void v1SwapNeedsAMemoryLimit() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LimitWrites.plan(Knob.MEMORY_SWAP, new Bytes(1 << 20), CgroupVersion.V1, GroupLimits.NONE));
        assertTrue(e.getMessage().contains("needs a memory.max first"), e.getMessage());
    }

    @Test
    void v1SwapIsWrittenAsMemoryPlusSwap() throws Exception {
        GroupLimits now = limits(mem(256));
        assertEquals("memory.memsw.limit_in_bytes=" + (320L << 20),
                show(LimitWrites.plan(Knob.MEMORY_SWAP, new Bytes(64L << 20), CgroupVersion.V1, now)));
    }

    @Test
    void raisingV1MemoryWithASwapLimitWritesMemswFirst() throws Exception {
        GroupLimits now = limits(mem(256), swap(64));
        assertEquals("memory.memsw.limit_in_bytes=" + (576L << 20) + "; memory.limit_in_bytes=" + (512L << 20),
                show(LimitWrites.plan(Knob.MEMORY_MAX, new Bytes(512L << 20), CgroupVersion.V1, now)));
    }

    @Test
    void loweringV1MemoryWithASwapLimitWritesMemswLast() throws Exception {
        GroupLimits now = limits(mem(256), swap(64));
        assertEquals("memory.limit_in_bytes=" + (128L << 20) + "; memory.memsw.limit_in_bytes=" + (192L << 20),
                show(LimitWrites.plan(Knob.MEMORY_MAX, new Bytes(128L << 20), CgroupVersion.V1, now)));
    }

    @Test
    void unlimitingV1MemoryWithASwapLimitUnlimitsMemswFirst() throws Exception {
        GroupLimits now = limits(mem(256), swap(64));
        assertEquals("memory.memsw.limit_in_bytes=-1; memory.limit_in_bytes=-1",
                show(LimitWrites.plan(Knob.MEMORY_MAX, LimitValue.Unlimited.INSTANCE, CgroupVersion.V1, now)));
    }

    @Test
    void wrongValueTypeIsRefused() {
        assertThrows(InvalidInputException.class,
                () -> LimitWrites.plan(Knob.CPU_WEIGHT, LimitValue.Unlimited.INSTANCE, CgroupVersion.V2, GroupLimits.NONE));
        assertThrows(InvalidInputException.class,
                () -> LimitWrites.plan(Knob.MEMORY_MAX, new LimitValue.Count(3), CgroupVersion.V2, GroupLimits.NONE));
    }

    private static Limit mem(long mib) {
        return new Limit(Knob.MEMORY_MAX, new Bytes(mib << 20), "memory.limit_in_bytes", Long.toString(mib << 20));
    }

    private static Limit swap(long mib) {
        return new Limit(Knob.MEMORY_SWAP, new Bytes(mib << 20), "memory.memsw.limit_in_bytes", "");
    }

    private static GroupLimits limits(Limit... l) {
        return GroupLimits.of(List.of(l));
    }

    private static String show(List<FileWrite> writes) {
        return writes.stream().map(w -> w.file() + "=" + w.text()).collect(Collectors.joining("; "));
    }
}
