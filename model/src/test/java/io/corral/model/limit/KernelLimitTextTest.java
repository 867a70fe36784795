package io.corral.model.limit;

import io.corral.model.kernel.MalformedFileException;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Count;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.model.limit.LimitValue.DeviceNumber;
import io.corral.model.limit.LimitValue.Unlimited;
import io.corral.model.limit.LimitValue.Weight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelLimitTextTest {

    @Test
    void v1MemoryUnlimitedIsPageAlignedLongMax() throws Exception {
        assertEquals(Unlimited.INSTANCE, KernelLimitText.v1Bytes("memory.limit_in_bytes", "9223372036854771712\n"));
        // 64 KiB pages round LONG_MAX further down.
        assertEquals(Unlimited.INSTANCE, KernelLimitText.v1Bytes("memory.limit_in_bytes", "9223372036854710272\n"));
        assertEquals(new Bytes(268435456), KernelLimitText.v1Bytes("memory.limit_in_bytes", "268435456\n"));
    }

    @Test
    void cpuMaxQuotaAndPeriod() throws Exception {
        assertEquals(Unlimited.INSTANCE, KernelLimitText.cpuMax("cpu.max", "max 100000\n"));
        assertEquals(new CpuQuota(50000, 100000), KernelLimitText.cpuMax("cpu.max", "50000 100000\n"));
        assertEquals(100000, KernelLimitText.cpuMaxPeriod("cpu.max", "max 100000\n"));
    }

    @Test
    void cfsQuotaMinusOneIsUnlimited() throws Exception {
        assertEquals(Unlimited.INSTANCE, KernelLimitText.cfsQuota("cpu.cfs_quota_us", "-1\n", "cpu.cfs_period_us", "100000\n"));
        assertEquals(new CpuQuota(25000, 50000),
                KernelLimitText.cfsQuota("cpu.cfs_quota_us", "25000\n", "cpu.cfs_period_us", "50000\n"));
    }

    @Test
    void sharesConvertToWeightLikeRunc() throws Exception {
        assertEquals(new Weight(39), KernelLimitText.shares("cpu.shares", "1024\n"));
        assertEquals(new Weight(1), KernelLimitText.shares("cpu.shares", "2\n"));
        assertEquals(new Weight(10000), KernelLimitText.shares("cpu.shares", "262144\n"));
        assertEquals(2, new Weight(1).shares());
        assertEquals(262144, new Weight(10000).shares());
    }

    @Test
    void cpusetLists() throws Exception {
        assertEquals("0-3,5", KernelLimitText.idList("cpuset.cpus", "0-3,5\n").toString());
        assertEquals(List.of(0, 1), KernelLimitText.idList("cpuset.cpus", "0-1\n").ids());
        assertEquals(List.of(), KernelLimitText.idList("cpuset.mems", "\n").ids());
    }

    @Test
    void ioMaxPicksOneKeyAndSkipsMax() throws Exception {
        String text = "8:0 rbps=1048576 wbps=max riops=max wiops=120\n253:1 rbps=max wbps=2097152 riops=max wiops=max\n";
        assertEquals(LimitValue.PerDevice.of(new DeviceNumber(8, 0), new Bytes(1048576)),
                KernelLimitText.ioMax("io.max", text, "rbps"));
        assertEquals(LimitValue.PerDevice.of(new DeviceNumber(253, 1), new Bytes(2097152)),
                KernelLimitText.ioMax("io.max", text, "wbps"));
        assertEquals(LimitValue.PerDevice.of(new DeviceNumber(8, 0), new Count(120)),
                KernelLimitText.ioMax("io.max", text, "wiops"));
        assertTrue(KernelLimitText.ioMax("io.max", text, "riops").limits().isEmpty());
        assertTrue(KernelLimitText.ioMax("io.max", "", "rbps").limits().isEmpty());
    }

    @Test
    void blkioThrottleLines() throws Exception {
        LimitValue.PerDevice p = KernelLimitText.blkioThrottle("blkio.throttle.read_bps_device", "8:0 1048576\n8:16 2048\n", true);
        assertEquals("8:0 1M, 8:16 2K", p.toString());
        assertTrue(KernelLimitText.blkioThrottle("blkio.throttle.read_iops_device", "", false).limits().isEmpty());
    }

    /** parser | file text that must be refused */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            maxOrBytes  | ''
            maxOrBytes  | -1
            maxOrBytes  | 12abc
            maxOrBytes  | 99999999999999999999
            maxOrCount  | unlimited
            v1Bytes     | -5
            cpuMax      | max
            cpuMax      | 50000
            cpuMax      | 50000 0
            cpuMax      | 50000 100000 7
            cpuMax      | x 100000
            cfsQuota    | -2
            cfsQuota    | 0
            weight      | 0
            weight      | 10001
            idList      | 3-1
            idList      | 0-a
            idList      | 0,,1
            ioMax       | 8:0 rbps
            ioMax       | sda rbps=1
            ioMax       | 8:0 rbps=-1
            blkio       | 8:0
            blkio       | 8:0 1 2
            blkio       | 8-0 1
            """)
    void malformedFilesAreRefused(String parser, String text) {
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> {
            switch (parser) {
                case "maxOrBytes" -> KernelLimitText.maxOrBytes("memory.max", text);
                case "maxOrCount" -> KernelLimitText.maxOrCount("pids.max", text);
                case "v1Bytes" -> KernelLimitText.v1Bytes("memory.limit_in_bytes", text);
                case "cpuMax" -> KernelLimitText.cpuMax("cpu.max", text);
                case "cfsQuota" -> KernelLimitText.cfsQuota("cpu.cfs_quota_us", text, "cpu.cfs_period_us", "100000");
                case "weight" -> KernelLimitText.weight("cpu.weight", text);
                case "idList" -> KernelLimitText.idList("cpuset.cpus", text);
                case "ioMax" -> KernelLimitText.ioMax("io.max", text, "rbps");
                case "blkio" -> KernelLimitText.blkioThrottle("blkio.throttle.read_bps_device", text, true);
                default -> throw new IllegalArgumentException(parser);
            }
        });
        assertTrue(e.getMessage().contains(e.file()), e.getMessage());
    }
}
