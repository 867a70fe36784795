package io.corral.model.command;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs commands one at a time. In {@link Mode#WRITER_THREAD} mode every command runs on the
 * engine's own thread, in submission order (the GUI); in {@link Mode#CALLER_THREAD} mode
 * {@link #submit} runs it on the caller's thread before returning (CLI, tests). Either
 * way: the kernel's rules are checked before writing, every write goes through
 * {@link CgroupFs} (which refuses protected paths), the kernel is re-read after writing,
 * and each command is appended to the journal.
 */
public final class CommandEngine implements AutoCloseable {

    public enum Mode { WRITER_THREAD, CALLER_THREAD }

    public static final Duration DEFAULT_FREEZE_TIMEOUT = Duration.ofSeconds(5);

    private final Optional<Journal> journal;
    private final GroupWriter groups;
    private final TaskMover mover;
    private final FreezerWriter freezer;
    private final LimitWriter limits;
    private final ExecutorService writer;
    private final Map<Class<?>, Runner<Command>> runners = new HashMap<>();
    private volatile NamespaceWriter namespaces = new NamespaceWriter(Optional.empty(), Optional.empty());
    private volatile Consumer<CommandResult> listener = r -> { };

    public CommandEngine(CgroupFs fs, Tasks tasks, Optional<Journal> journal, Mode mode) {
        this(fs, tasks, journal, mode, DEFAULT_FREEZE_TIMEOUT);
    }

    public CommandEngine(CgroupFs fs, Tasks tasks, Optional<Journal> journal, Mode mode, Duration freezeTimeout) {
        this(fs, tasks, journal, mode, freezeTimeout, SystemdUnits.onHost(fs));
    }

    /** @param systemd which groups a running systemd owns (moves into its undelegated units are refused) */
    public CommandEngine(CgroupFs fs, Tasks tasks, Optional<Journal> journal, Mode mode, Duration freezeTimeout,
                         SystemdUnits systemd) {
        Objects.requireNonNull(fs);
        this.journal = Objects.requireNonNull(journal);
        KernelRules rules = new KernelRules(fs, tasks, Objects.requireNonNull(systemd));
        this.groups = new GroupWriter(fs, rules);
        this.mover = new TaskMover(fs, rules, tasks);
        this.freezer = new FreezerWriter(fs, rules, tasks, freezeTimeout);
        this.limits = new LimitWriter(fs, rules);
        registerRunners();
        this.writer = mode == Mode.WRITER_THREAD ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "corral-command-writer");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Lets this engine run {@link Command.Launch} (with {@code launcher}) and
     * {@link Command.WriteIdMap} (with {@code maps}); without it both are rejected.
     */
    public void enableNamespaces(io.corral.model.launch.Launcher launcher, io.corral.model.namespace.IdMapWriter maps) {
        this.namespaces = new NamespaceWriter(Optional.ofNullable(launcher), Optional.ofNullable(maps));
    }

    /** Called after every command (on the thread that ran it), e.g. to trigger a resample. */
    public void setListener(Consumer<CommandResult> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    public CompletableFuture<CommandResult> submit(Command command) {
        return submit(command, Progress.none());
    }

    /**
     * Submits a command whose moves report to {@code progress} after each write and stop
     * between writes when it is cancelled (other commands ignore it).
     */
    public CompletableFuture<CommandResult> submit(Command command, Progress progress) {
        Objects.requireNonNull(command);
        Objects.requireNonNull(progress);
        if (writer == null) {
            return CompletableFuture.completedFuture(run(command, progress));
        }
        return CompletableFuture.supplyAsync(() -> run(command, progress), writer);
    }

    /** Runs a command on the calling thread (the writer thread calls this too). */
    public CommandResult run(Command command) {
        return run(command, Progress.none());
    }

    /** Runs a command on the calling thread, reporting the progress of its moves. */
    public synchronized CommandResult run(Command command, Progress progress) {
        Optional<String> run = journal.flatMap(j -> j.begin(command));
        CommandResult result = execute(command, progress);
        if (journal.isPresent()) {
            Optional<String> problem = journal.get().append(command, result, run);
            if (problem.isPresent()) {
                result = result.withWarning(problem.get());
            }
        }
        listener.accept(result);
        return result;
    }

    /** Runs the inverse of a result (the undo); empty if it has none. */
    public Optional<CommandResult> undo(CommandResult done) {
        List<Command> inverse = done.inverse();
        if (inverse.isEmpty()) {
            return Optional.empty();
        }
        Command c = inverse.size() == 1 ? inverse.get(0)
                : new Command.Sequence("undo: " + done.command().describe(), inverse);
        return Optional.of(run(c));
    }

    private CommandResult execute(Command command, Progress progress) {
        try {
            return dispatch(command, progress);
        } catch (KernelException e) {
            return new CommandResult.Rejected(command, Failure.of(e));
        }
    }

    private CommandResult dispatch(Command command, Progress progress) throws KernelException {
        return runners.get(command.getClass()).run(command, progress);
    }

    /** How the engine runs one kind of command. */
    @FunctionalInterface
    private interface Runner<C extends Command> {
        CommandResult run(C command, Progress progress) throws KernelException;
    }

    private <C extends Command> void on(Class<C> kind, Runner<C> runner) {
        runners.put(kind, (command, progress) -> runner.run(kind.cast(command), progress));
    }

    /** Every kind of {@link Command} and who runs it; the constructor fails if the sealed list grew without it. */
    private void registerRunners() {
        on(Command.CreateGroup.class, (c, p) -> groups.create(c));
        on(Command.RemoveGroup.class, (c, p) -> groups.remove(c));
        on(Command.RenameGroup.class, (c, p) -> groups.rename(c));
        on(Command.EnableControllers.class, (c, p) -> groups.enable(c));
        on(Command.DisableControllers.class, (c, p) -> groups.disable(c));
        on(Command.MoveTasks.class, mover::move);
        on(Command.MoveAllTasks.class, mover::moveAll);
        on(Command.Freeze.class, (c, p) -> freezer.freeze(c));
        on(Command.Thaw.class, (c, p) -> freezer.thaw(c));
        on(Command.KillAll.class, (c, p) -> freezer.kill(c));
        on(Command.SetLimits.class, (c, p) -> limits.set(c));
        on(Command.Launch.class, (c, p) -> namespaces.launch(c));
        on(Command.WriteIdMap.class, (c, p) -> namespaces.writeMap(c));
        on(Command.Sequence.class, this::sequence);
        for (Class<?> kind : Command.class.getPermittedSubclasses()) {
            if (!runners.containsKey(kind)) {
                throw new IllegalStateException("the engine has no runner for " + kind.getSimpleName());
            }
        }
    }

    /**
     * Runs the steps in order and stops at the first one that changed nothing; the inverse
     * is the inverses of the steps that ran, last first. All-or-nothing sequences undo the
     * steps that ran when one fails, and report the failure as a rejection.
     */
    private CommandResult sequence(Command.Sequence s, Progress progress) {
        Outcome o = new Outcome(s);
        List<Command> inverses = new ArrayList<>();
        for (Command step : s.steps()) {
            CommandResult r = execute(step, progress);
            inverses.addAll(0, r.inverse());
            if (r instanceof CommandResult.Applied a) {
                a.steps().forEach(o::done);
                continue;
            }
            if (s.allOrNothing()) {
                List<Failure> failures = r instanceof CommandResult.Partial p ? p.failures()
                        : ((CommandResult.Rejected) r).failures();
                List<String> notes = new ArrayList<>();
                for (Command undo : inverses) {
                    CommandResult u = execute(undo, Progress.none());
                    notes.add((u instanceof CommandResult.Applied ? "rolled back: " : "ROLLBACK FAILED: ")
                            + undo.describe());
                }
                return new CommandResult.Rejected(s, failures, notes);
            }
            if (r instanceof CommandResult.Partial p) {
                p.steps().forEach(o::done);
                p.failures().forEach(o::failed);
            } else if (r instanceof CommandResult.Rejected j) {
                j.failures().forEach(o::failed);
                break;
            }
        }
        inverses.forEach(o::undoWith);
        return o.result();
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.shutdown();
        }
    }
}
