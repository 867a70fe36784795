package io.corral.views.charts;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The last minutes of one group: one {@link SampleRing} whose columns are the charted
 * metrics (one time array for all of them), two event rings, the latest limits, and the
 * last value of each kernel counter so that an increment becomes a marker. A counter that
 * goes backwards (group recreated, counter reset) starts over without a marker.
 */
public final class GroupHistory {
    public static final int CPU = 0;
    public static final int MEMORY = 1;
    public static final int IO_READ = 2;
    public static final int IO_WRITE = 3;
    public static final int PIDS = 4;
    public static final int PSI_CPU_SOME = 5;
    public static final int PSI_CPU_FULL = 6;
    public static final int PSI_MEMORY_SOME = 7;
    public static final int PSI_MEMORY_FULL = 8;
    public static final int PSI_IO_SOME = 9;
    public static final int PSI_IO_FULL = 10;
    private static final int COLUMNS = 11;

    private final String identity;
    private final SampleRing samples;
    private final SampleRing cpuEvents;
    private final SampleRing memoryEvents;
    private GroupTick latest;
    private long throttled = -1;
    private long high = -1;
    private long max = -1;
    private long oom = -1;
    private boolean pressureSeen;

    public GroupHistory(String identity, int capacity) {
        this.identity = identity;
        samples = new SampleRing(capacity, COLUMNS);
        cpuEvents = new SampleRing(capacity, 1);
        memoryEvents = new SampleRing(capacity * 2, 1);
    }

    public void add(GroupTick t) {
        if (!t.identity().equals(identity)) {
            throw new IllegalArgumentException("tick of " + t.identity() + " added to history of " + identity);
        }
        if (samples.size() > 0 && t.time() <= samples.lastTime()) {
            return; // the same tick twice (or a clock step back): keep the time axis increasing
        }
        samples.append(t.time());
        samples.setLast(CPU, t.cpu().percent());
        samples.setLast(MEMORY, t.memory().current());
        samples.setLast(IO_READ, t.io().readBytesPerSecond());
        samples.setLast(IO_WRITE, t.io().writeBytesPerSecond());
        samples.setLast(PIDS, t.pids().current());
        GroupTick.Pressure p = t.pressure();
        samples.setLast(PSI_CPU_SOME, p.cpuSome());
        samples.setLast(PSI_CPU_FULL, p.cpuFull());
        samples.setLast(PSI_MEMORY_SOME, p.memorySome());
        samples.setLast(PSI_MEMORY_FULL, p.memoryFull());
        samples.setLast(PSI_IO_SOME, p.ioSome());
        samples.setLast(PSI_IO_FULL, p.ioFull());
        pressureSeen |= p.present();
        throttled = mark(cpuEvents, t.time(), throttled, t.cpu().nrThrottled(), ChartEvent.CPU_THROTTLED);
        high = mark(memoryEvents, t.time(), high, t.memory().highEvents(), ChartEvent.MEMORY_HIGH);
        max = mark(memoryEvents, t.time(), max, t.memory().maxEvents(), ChartEvent.MEMORY_MAX);
        oom = mark(memoryEvents, t.time(), oom, t.memory().oomEvents(), ChartEvent.MEMORY_OOM);
        latest = t;
    }

    private static long mark(SampleRing ring, double time, long last, OptionalLong now, ChartEvent kind) {
        if (now.isEmpty()) {
            return -1;
        }
        long v = now.getAsLong();
        if (last >= 0 && v > last) {
            ring.add(time, kind.ordinal());
        }
        return v;
    }

    public String identity() {
        return identity;
    }

    public SampleRing samples() {
        return samples;
    }

    public SampleRing cpuEvents() {
        return cpuEvents;
    }

    public SampleRing memoryEvents() {
        return memoryEvents;
    }

    /** True once any PSI value was seen (the kernel provides pressure for this group). */
    public boolean hasPressure() {
        return pressureSeen;
    }

    public OptionalDouble cpuQuotaPercent() {
        return latest == null ? OptionalDouble.empty() : latest.cpu().quotaPercent();
    }

    public OptionalDouble memoryMax() {
        return latest == null ? OptionalDouble.empty() : latest.memory().max();
    }

    public OptionalDouble memoryHigh() {
        return latest == null ? OptionalDouble.empty() : latest.memory().high();
    }

    public OptionalDouble pidsMax() {
        return latest == null ? OptionalDouble.empty() : latest.pids().max();
    }
}
