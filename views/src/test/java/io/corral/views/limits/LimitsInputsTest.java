package io.corral.views.limits;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.host.Hardware;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsInputsTest {
    private static final Hardware HW = new Hardware(List.of(0, 1), List.of(0), List.of(), OptionalLong.empty());

    @Test
    void aHybridGroupOffersEachKnobFromTheV1HierarchyThatHasIt(@TempDir Path dir) throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.hybrid(dir).root()).read();
        LimitsInput in = LimitsInputs.from(s, GroupPath.ofKernel("/web"), OptionalDouble.of(0.3), HW);
        assertEquals("cpu", in.knob(Knob.CPU_QUOTA).orElseThrow().target().hierarchyId());
        assertEquals("cpu.cfs_quota_us", in.knob(Knob.CPU_QUOTA).orElseThrow().file());
        assertEquals(new LimitValue.CpuQuota(50_000, 100_000), in.knob(Knob.CPU_QUOTA).orElseThrow().value().orElseThrow());
        assertEquals("memory", in.knob(Knob.MEMORY_MAX).orElseThrow().target().hierarchyId());
        assertEquals(new LimitValue.Bytes(64L << 20), in.knob(Knob.MEMORY_SWAP).orElseThrow().value().orElseThrow(),
                "memsw 320M - memory 256M");
        assertFalse(in.has(Knob.MEMORY_HIGH), "no memory.high on v1, and cgroup2 has no memory controller here");
        assertEquals(52428800, in.usage().memoryCurrent().getAsLong());
        assertEquals(4, in.usage().pidsCurrent().getAsLong());
        assertTrue(in.has(Knob.IO_RBPS) && in.has(Knob.CPUSET_CPUS));
    }

    @Test
    void theEffectiveLimitComesFromTheTreeAboveTheGroup(@TempDir Path dir) throws Exception {
        HostSnapshot s = Golden.reader(FixtureScenes.unified(dir).root()).read();
        LimitsInput in = LimitsInputs.from(s, GroupPath.ofKernel("/web/api"), OptionalDouble.empty(), HW);
        KnobState max = in.knob(Knob.MEMORY_MAX).orElseThrow();
        assertEquals(LimitValue.Unlimited.INSTANCE, max.value().orElseThrow());
        assertEquals(GroupPath.ofKernel("/web"), max.tighter().orElseThrow().path());
        assertEquals(new LimitValue.Bytes(256L << 20), max.tighter().orElseThrow().value());
        assertTrue(in.knob(Knob.PIDS_MAX).orElseThrow().tighter().isEmpty(), "16 is tighter than the parent's 64");
    }
}
