package io.corral.views.limits;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.model.limit.LimitValue.Unlimited;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveLimitTest {
    private static final long MIB = 1024 * 1024;

    private static Map.Entry<GroupPath, GroupLimits> at(String path, Knob k, LimitValue v) {
        return Map.entry(GroupPath.ofKernel(path), GroupLimits.of(List.of(new Limit(k, v, k.cliName(), v.toString()))));
    }

    @Test
    void anUnlimitedGroupIsBoundByTheNearestLimitedAncestor() {
        var a = EffectiveLimit.tighterAncestor(Knob.MEMORY_MAX, Unlimited.INSTANCE, List.of(
                at("/a/b", Knob.MEMORY_MAX, Unlimited.INSTANCE),
                at("/a", Knob.MEMORY_MAX, new Bytes(512 * MIB)),
                at("/", Knob.MEMORY_MAX, Unlimited.INSTANCE)));
        assertEquals(GroupPath.ofKernel("/a"), a.orElseThrow().path());
        assertEquals(new Bytes(512 * MIB), a.orElseThrow().value());
    }

    @Test
    void theTightestAncestorWinsNotTheNearest() {
        var a = EffectiveLimit.tighterAncestor(Knob.MEMORY_MAX, new Bytes(1024 * MIB), List.of(
                at("/a/b", Knob.MEMORY_MAX, new Bytes(768 * MIB)),
                at("/a", Knob.MEMORY_MAX, new Bytes(256 * MIB))));
        assertEquals(GroupPath.ofKernel("/a"), a.orElseThrow().path());
    }

    @Test
    void aGroupTighterThanItsAncestorsHasNoEffectiveNote() {
        assertTrue(EffectiveLimit.tighterAncestor(Knob.PIDS_MAX, new LimitValue.Count(10), List.of(
                at("/a", Knob.PIDS_MAX, new LimitValue.Count(64)))).isEmpty());
    }

    @Test
    void quotasCompareInCoresWhateverThePeriod() {
        var a = EffectiveLimit.tighterAncestor(Knob.CPU_QUOTA, new CpuQuota(100_000, 100_000), List.of(
                at("/a", Knob.CPU_QUOTA, new CpuQuota(25_000, 50_000))));
        assertEquals(GroupPath.ofKernel("/a"), a.orElseThrow().path(), "0.5 core < 1 core");
    }

    @Test
    void weightsAreRelativeAndNeverBind() {
        assertTrue(EffectiveLimit.tighterAncestor(Knob.CPU_WEIGHT, new LimitValue.Weight(500), List.of(
                at("/a", Knob.CPU_WEIGHT, new LimitValue.Weight(1)))).isEmpty());
    }
}
