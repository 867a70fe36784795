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
import io.corral.views.state.PrivilegeSource;
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
    private final SnapshotReader reader;
    private final Sampler sampler;
    private final CommandEngine engine;
    private final EngineActions actions;
    private final CgroupFs fs;
    private final Optional<PrivilegeSource> privileges;
    private volatile io.corral.model.privilege.AdministrativeAccess administrative;
    private final java.util.concurrent.ExecutorService adminThread = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "corral-admin-access");
                t.setDaemon(true);
                return t;
            });

    public ConsoleSession(CgroupFs fs, ProcFs proc, Duration interval, Optional<Journal> journal) {
        this(fs, proc, interval, journal, Optional.empty());
    }

    /** @param privileges this process's privileges on {@code fs} (absent: root or read-only by uid, no verdicts) */
    public ConsoleSession(CgroupFs fs, ProcFs proc, Duration interval, Optional<Journal> journal,
                          Optional<PrivilegeSource> privileges) {
        this.fs = fs;
        this.privileges = privileges;
        // Tracking: kept fds, inotify discovery, /proc membership scan (docs/benchmarks.md).
        reader = SnapshotReader.tracking(fs, proc);
        io.corral.views.state.Privileges fixed = privileges.isPresent() ? null : SnapshotFrames.currentPrivileges();
        SnapshotFrames frames = new SnapshotFrames(interval,
                privileges.<java.util.function.Function<HostSnapshot, io.corral.views.state.Privileges>>map(p -> p)
                        .orElse(s -> fixed));
        io.corral.model.command.SystemdUnits units = io.corral.model.command.SystemdUnits.onHost(fs);
        frames.readingDelegation((h, p) -> units.delegated(new io.corral.model.command.GroupRef(h, p), fs));
        AtomicLong lastReadNanos = new AtomicLong();
        Sampler.Source whole = Sampler.source(reader);
        // The first reading comes in phases (names, each hierarchy, processes): on a host with
        // thousands of groups the window shows the tree in well under a second, not after
        // the seconds the whole reading takes. "Last refresh" is the time so far.
        sampler = new Sampler(new Sampler.Source() {
            @Override
            public HostSnapshot read() throws Exception {
                return read(null);
            }

            @Override
            public HostSnapshot read(java.util.function.Consumer<HostSnapshot> partial) throws Exception {
                long t0 = System.nanoTime();
                HostSnapshot s = partial == null ? whole.read() : whole.read(p -> {
                    lastReadNanos.set(System.nanoTime() - t0);
                    partial.accept(p);
                });
                lastReadNanos.set(System.nanoTime() - t0);
                return s;
            }
        }, interval);
        sampler.addListener(s -> state.offer(frames.next(s, Duration.ofNanos(lastReadNanos.get()))));
        engine = new CommandEngine(fs, new ProcTasks(proc), journal, CommandEngine.Mode.WRITER_THREAD);
        engine.setListener(r -> sampler.sampleNow());
        actions = new EngineActions(this::submit, this::hierarchy).readingThreadsFrom(proc)
                .reportingProgressThrough(this::submit);
    }

    /** The live host: / with the command journal at its default place; launches and map writes enabled. */
    public static ConsoleSession live(Duration interval) {
        CgroupFs fs = CgroupFs.live();
        ConsoleSession s = new ConsoleSession(fs, ProcFs.live(), interval, Optional.of(Journal.atDefaultLocation()),
                Optional.of(new PrivilegeSource(io.corral.model.privilege.Privileges.ofThisProcess(fs))));
        s.engine.enableNamespaces(io.corral.model.launch.Launcher.live(), io.corral.model.namespace.IdMapWriter.live());
        return s;
    }

    /** Lets the engine run Launch and WriteIdMap commands (the live session does this itself). */
    public void enableNamespaces(io.corral.model.launch.Launcher launcher, io.corral.model.namespace.IdMapWriter maps) {
        engine.enableNamespaces(launcher, maps);
    }

    /**
     * Where the console's group commands and limits go: the privileged helper while
     * administrative access is on (on its own thread; the helper journals as root), else
     * this process's engine.
     */
    public java.util.concurrent.CompletableFuture<io.corral.model.command.CommandResult> submit(
            io.corral.model.command.Command c) {
        io.corral.model.privilege.AdministrativeAccess access = administrative;
        if (access == null) {
            return engine.submit(c);
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> access.run(c), adminThread)
                .whenComplete((r, e) -> sampler.sampleNow());
    }

    /**
     * A move with progress: this process's engine reports each write and stops when asked;
     * through the privileged helper the move runs whole and reports at the end.
     */
    public java.util.concurrent.CompletableFuture<io.corral.model.command.CommandResult> submit(
            io.corral.model.command.Command c, io.corral.model.command.Progress progress) {
        return administrative == null ? engine.submit(c, progress) : submit(c);
    }

    /**
     * Launches and id maps: through the helper while administrative access is on (it
     * launches as this user, into any group, and writes maps onto this user's own and
     * subordinate ids), except a launch into a new user namespace, which this user makes
     * alone (one made by the root helper would not map the user).
     */
    public java.util.concurrent.CompletableFuture<io.corral.model.command.CommandResult> submitProcessCommand(
            io.corral.model.command.Command c) {
        return administrative != null && !createsUserNamespace(c) ? submit(c) : engine.submit(c);
    }

    static boolean createsUserNamespace(io.corral.model.command.Command c) {
        if (c instanceof io.corral.model.command.Command.Sequence s) {
            return s.steps().stream().anyMatch(ConsoleSession::createsUserNamespace);
        }
        return c instanceof io.corral.model.command.Command.Launch l
                && l.spec().creates(io.corral.model.namespace.NamespaceType.USER);
    }

    /** Sends the console's changes through {@code access} from now on ({@code how}: "pkexec" or "sudo"). */
    public void useAdministrativeAccess(io.corral.model.privilege.AdministrativeAccess access, String how) {
        administrative = access;
        privileges.ifPresent(p -> p.setAdministrativeAccess(Optional.of(how)));
        sampler.sampleNow();
    }

    public boolean administrativeAccess() {
        return administrative != null;
    }

    /** This process's privileges on the host (absent for fixture sessions). */
    public Optional<PrivilegeSource> privileges() {
        return privileges;
    }

    public CgroupFs fs() {
        return fs;
    }

    /** The engine's result in people's words, as every group action reports it. */
    public io.corral.views.actions.ActionReport report(io.corral.model.command.CommandResult r) {
        return actions.report(r);
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
        return new io.corral.views.limits.EngineLimitSubmitter(this::submit, key -> hierarchy(key.hierarchyId())
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
        reader.close();
        adminThread.shutdownNow();
        if (administrative != null) {
            administrative.close();
        }
    }
}
