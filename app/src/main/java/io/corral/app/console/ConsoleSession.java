package io.corral.app.console;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.Journal;
import io.corral.model.command.ProcTasks;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Sampler;
import io.corral.model.sample.SnapshotReader;
import io.corral.views.actions.EngineActions;
import io.corral.views.actions.GroupActions;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.SnapshotFrames;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's moving parts on one host root, wired in the circle of DESIGN.md §1: the
 * model's {@link Sampler} (its own thread) reads snapshots, {@link SnapshotFrames} turns each
 * into a frame on that thread, {@link ConsoleState} shows the newest on the FX thread; the
 * views' commands go to the {@link CommandEngine} (its writer thread), whose listener asks
 * the sampler for an immediate resample.
 */
public final class ConsoleSession implements AutoCloseable {
    private final ConsoleState state = new ConsoleState();
    private final Sampler sampler;
    private final CommandEngine engine;
    private final EngineActions actions;

    public ConsoleSession(CgroupFs fs, ProcFs proc, Duration interval, Optional<Journal> journal) {
        SnapshotReader reader = new SnapshotReader(fs, proc);
        SnapshotFrames frames = new SnapshotFrames(interval, SnapshotFrames.currentPrivileges());
        AtomicLong lastReadNanos = new AtomicLong();
        sampler = new Sampler(() -> {
            long t0 = System.nanoTime();
            HostSnapshot s = reader.read();
            lastReadNanos.set(System.nanoTime() - t0);
            return s;
        }, interval);
        sampler.addListener(s -> state.offer(frames.next(s, Duration.ofNanos(lastReadNanos.get()))));
        engine = new CommandEngine(fs, new ProcTasks(proc), journal, CommandEngine.Mode.WRITER_THREAD);
        engine.setListener(r -> sampler.sampleNow());
        actions = new EngineActions(engine, this::hierarchy);
    }

    /** The live host: / with the command journal at its default place. */
    public static ConsoleSession live(Duration interval) {
        return new ConsoleSession(CgroupFs.live(), ProcFs.live(), interval, Optional.of(Journal.atDefaultLocation()));
    }

    private Optional<Hierarchy> hierarchy(String id) {
        return sampler.latest().flatMap(s -> s.hierarchy(id)).map(t -> t.hierarchy());
    }

    public ConsoleState state() {
        return state;
    }

    public GroupActions actions() {
        return actions;
    }

    /** Limit changes as SetLimits commands through the same engine. */
    public io.corral.views.limits.EngineLimitSubmitter limitSubmitter() {
        return new io.corral.views.limits.EngineLimitSubmitter(engine::submit, key -> hierarchy(key.hierarchyId())
                .map(h -> new io.corral.model.command.GroupRef(h, key.path())));
    }

    public Sampler sampler() {
        return sampler;
    }

    /** Hierarchies of the newest snapshot (empty before the first). */
    public java.util.List<Hierarchy> hierarchies() {
        return sampler.latest().map(s -> s.hierarchies().stream().map(t -> t.hierarchy()).toList())
                .orElse(java.util.List.of());
    }

    public void start() {
        sampler.start();
    }

    @Override
    public void close() {
        sampler.close();
        engine.close();
    }
}
