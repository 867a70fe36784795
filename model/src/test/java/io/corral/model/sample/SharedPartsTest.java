package io.corral.model.sample;

import io.corral.model.cgroup.FreezeState;
import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitValue;
import io.corral.model.usage.CpuUsage;
import io.corral.model.usage.GroupUsage;
import io.corral.model.usage.Pressure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Equal parts of different groups become one instance; the groups stay equal to what was read. */
class SharedPartsTest {

    /** A group as a fresh reading makes it: every part a new object. */
    private static Group read(String name, long cpuUsec, long pids) {
        CpuUsage cpu = new CpuUsage(OptionalLong.of(cpuUsec), OptionalLong.of(0), OptionalLong.of(0),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        Pressure idle = new Pressure(new Pressure.Line(0, 0, 0, 0), Optional.of(new Pressure.Line(0, 0, 0, 0)));
        GroupUsage usage = new GroupUsage(Optional.of(cpu), Optional.empty(), Optional.empty(), OptionalLong.of(pids),
                Optional.of(idle), Optional.empty(), Optional.empty());
        GroupLimits limits = GroupLimits.of(List.of(new Limit(Knob.PIDS_MAX, LimitValue.Unlimited.INSTANCE, "pids.max",
                new String("max"))));
        return new Group(GroupPath.ROOT.child(name), 7, Optional.of(new ArrayList<>(List.of())),
                Optional.of(new ArrayList<>(List.of())), Optional.of(List.of("cpu", "pids")), Optional.of(List.of()),
                Optional.of(new String("domain")), Optional.of(FreezeState.THAWED), Optional.of(Boolean.FALSE), limits,
                usage, List.of());
    }

    @Test
    void idleGroupsShareEveryPart() {
        SharedParts shared = new SharedParts();
        Group a = read("a", 0, 0);
        Group b = read("b", 0, 0);
        Group sa = shared.of(a);
        Group sb = shared.of(b);
        assertEquals(a, sa);
        assertEquals(b, sb);
        assertSame(sa.usage(), sb.usage());
        assertSame(sa.limits(), sb.limits());
        assertSame(sa.processes(), sb.processes());
        assertSame(sa.threads(), sb.threads());
        assertSame(sa.controllers(), sb.controllers());
        assertSame(sa.type(), sb.type());
        assertSame(sa.freezer(), sb.freezer());
        assertSame(sa.populated(), sb.populated());
    }

    @Test
    void anActiveGroupKeepsItsOwnCountersAndSharesTheRest() {
        SharedParts shared = new SharedParts();
        Group idle = shared.of(read("a", 0, 0));
        Group busy = shared.of(read("b", 123_456, 3));
        assertEquals(read("b", 123_456, 3), busy);
        assertNotSame(idle.usage(), busy.usage());
        assertEquals(OptionalLong.of(123_456), busy.usage().cpu().get().usageUsec());
        assertSame(idle.usage().cpuPressure(), busy.usage().cpuPressure(), "the idle pressure");
        assertSame(idle.limits(), busy.limits());
    }

    @Test
    void onlyTheEmptyMembershipListIsShared() {
        SharedParts shared = new SharedParts();
        Group a = read("a", 0, 0);
        Optional<List<Integer>> many = Optional.of(List.copyOf(java.util.stream.IntStream.range(1000, 1200).boxed().toList()));
        Group busy = shared.of(a.withMembership(many, many));
        assertTrue(many == busy.processes(), "a pid list is not kept by the cache (a busy group's changes often)");
        Group same = shared.of(read("b", 0, 0).withMembership(Optional.of(new ArrayList<>(many.get())), many));
        assertTrue(busy.processes() != same.processes(), "an equal list met later is not replaced either");
    }

    @Test
    void aGroupWhosePartsAreAllSharedAlreadyIsReturnedItself() {
        SharedParts shared = new SharedParts();
        Group once = shared.of(read("a", 0, 0));
        assertSame(once, shared.of(once));
    }
}
