package io.corral.views.charts;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Deterministic, plausible-looking group ticks for chart tests, screenshots and benchmarks. */
final class SyntheticTicks {
    private static final double MIB = 1024 * 1024;

    private SyntheticTicks() {
    }

    /** Tick {@code t} of a busy group limited to 1.5 cores and 512M (high 384M), with PSI. */
    static GroupTick busy(String identity, int t) {
        double cpu = 110 + 35 * Math.sin(t / 9.0) + 10 * Math.sin(t / 2.3);
        double mem = 300 * MIB + 90 * MIB * Math.sin(t / 40.0) + 20 * MIB * Math.sin(t / 5.0);
        long throttled = t / 17 + (t > 200 ? (t - 200) / 3 : 0);
        long high = mem > 384 * MIB ? t / 4 : 0;
        return new GroupTick(identity, t,
                new GroupTick.Cpu(cpu, OptionalDouble.of(150), OptionalLong.of(throttled)),
                new GroupTick.Memory(mem, OptionalDouble.of(512 * MIB), OptionalDouble.of(384 * MIB),
                        OptionalLong.of(high), OptionalLong.of(t / 97), OptionalLong.of(t / 290)),
                new GroupTick.Io(Math.max(0, 8 * MIB * Math.sin(t / 13.0)), 3 * MIB + 2 * MIB * Math.cos(t / 7.0)),
                new GroupTick.Pids(40 + (t / 10) % 25, OptionalDouble.of(64)),
                new GroupTick.Pressure(12 + 8 * Math.sin(t / 11.0), 4 + 3 * Math.sin(t / 11.0),
                        2 + 2 * Math.sin(t / 30.0), 0.5, 6 + 5 * Math.cos(t / 15.0), 2 + 2 * Math.cos(t / 15.0)));
    }

    /** A group without limits or PSI (a v1-only host). */
    static GroupTick plain(String identity, int t) {
        return new GroupTick(identity, t,
                new GroupTick.Cpu(20 + 5 * Math.sin(t / 5.0), OptionalDouble.empty(), OptionalLong.empty()),
                new GroupTick.Memory(50 * MIB, OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(),
                        OptionalLong.of(0), OptionalLong.empty()),
                GroupTick.Io.NONE, new GroupTick.Pids(3, OptionalDouble.empty()), GroupTick.Pressure.NONE);
    }
}
