package io.corral.views.actions;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Command;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.CommandResult;
import io.corral.model.command.Failure;
import io.corral.model.command.GroupRef;
import io.corral.model.command.Progress;
import io.corral.model.command.Step;
import io.corral.model.input.InvalidInputException;
import io.corral.model.input.GroupName;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ThreadInfo;
import io.corral.model.sample.GroupKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * {@link GroupActions} over the model's {@link CommandEngine}: each gesture becomes ONE
 * {@link Command} submitted to the engine (its writer thread), and the engine's
 * {@link CommandResult} becomes a report for people, with the engine's inverse as Undo.
 * The engine's listener triggers the resample; nothing here touches the kernel.
 */
public final class EngineActions implements GroupActions {
    private final Function<Command, CompletableFuture<CommandResult>> engine;
    private final Function<String, Optional<Hierarchy>> hierarchies;
    private Optional<ProcFs> procfs = Optional.empty();
    private java.util.function.BiFunction<Command, Progress, CompletableFuture<CommandResult>> withProgress;
    /** Thread listings are read here, one request at a time, never on the FX thread. */
    private static final ExecutorService THREAD_READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corral-thread-reader");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param engine      the command engine (WRITER_THREAD mode for the GUI)
     * @param hierarchies the mounted hierarchy of an id, as of the frame on screen
     */
    public EngineActions(CommandEngine engine, Function<String, Optional<Hierarchy>> hierarchies) {
        this(engine::submit, hierarchies);
    }

    /**
     * @param submit where commands go: the engine's submit, or a route that sends them to the
     *               privileged helper while administrative access is on
     */
    public EngineActions(Function<Command, CompletableFuture<CommandResult>> submit,
                         Function<String, Optional<Hierarchy>> hierarchies) {
        this.engine = submit;
        this.hierarchies = hierarchies;
        this.withProgress = (c, p) -> submit.apply(c);
    }

    /**
     * Sends moves through {@code submit} with their {@link Progress} (the local engine's
     * {@code submit(command, progress)}); without it, moves report only at the end.
     */
    public EngineActions reportingProgressThrough(
            java.util.function.BiFunction<Command, Progress, CompletableFuture<CommandResult>> submit) {
        this.withProgress = java.util.Objects.requireNonNull(submit);
        return this;
    }

    /** Lists threads from this procfs (without it, {@link #threads} fails). */
    public EngineActions readingThreadsFrom(ProcFs procfs) {
        this.procfs = Optional.of(procfs);
        return this;
    }

    @Override
    public CompletableFuture<Map<Long, List<ThreadInfo>>> threads(List<Long> pids) {
        if (procfs.isEmpty()) {
            return GroupActions.super.threads(pids);
        }
        ProcFs proc = procfs.get();
        List<Long> ids = List.copyOf(pids);
        return CompletableFuture.supplyAsync(() -> {
            Map<Long, List<ThreadInfo>> out = new LinkedHashMap<>();
            for (long pid : ids) {
                try {
                    List<ThreadInfo> t = proc.threadInfos(Math.toIntExact(pid));
                    if (!t.isEmpty()) {
                        out.put(pid, t);
                    }
                } catch (KernelException | MalformedFileException e) {
                    throw new CompletionException(e);
                }
            }
            return out;
        }, THREAD_READER);
    }

    @Override
    public CompletableFuture<ActionReport> moveTasks(GroupKey target, List<Long> pids) {
        return moveTasks(target, pids, Progress.none());
    }

    @Override
    public CompletableFuture<ActionReport> moveTasks(GroupKey target, List<Long> pids, Progress progress) {
        List<Integer> ids = ids(pids);
        return submit(target, ref -> new Command.MoveTasks(ref, ids, false), progress);
    }

    @Override
    public CompletableFuture<ActionReport> moveThreads(GroupKey target, List<Long> tids, Progress progress) {
        List<Integer> ids = ids(tids);
        return submit(target, ref -> new Command.MoveTasks(ref, ids, true), progress);
    }

    private static List<Integer> ids(List<Long> ids) {
        return ids.stream().map(p -> {
            if (p <= 0 || p > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("not a process or thread id: " + p);
            }
            return p.intValue();
        }).toList();
    }

    @Override
    public CompletableFuture<ActionReport> createGroup(GroupKey parent, String name) {
        return submit(parent, ref -> new Command.CreateGroup(ref.child(valid(ref, name))));
    }

    @Override
    public CompletableFuture<ActionReport> removeGroup(GroupKey group) {
        return submit(group, Command.RemoveGroup::new);
    }

    @Override
    public CompletableFuture<ActionReport> renameGroup(GroupKey group, String newName) {
        return submit(group, ref -> new Command.RenameGroup(ref, valid(ref, newName)));
    }

    @Override
    public CompletableFuture<ActionReport> setControllers(GroupKey group, Set<String> enable, Set<String> disable) {
        return submit(group, ref -> {
            List<Command> steps = new ArrayList<>();
            if (!disable.isEmpty()) {
                steps.add(new Command.DisableControllers(ref, disable));
            }
            if (!enable.isEmpty()) {
                steps.add(new Command.EnableControllers(ref, enable));
            }
            return steps.size() == 1 ? steps.get(0)
                    : new Command.Sequence("change the controllers for the children of " + ref, steps);
        });
    }

    @Override
    public CompletableFuture<ActionReport> freeze(GroupKey group) {
        return submit(group, Command.Freeze::new);
    }

    @Override
    public CompletableFuture<ActionReport> thaw(GroupKey group) {
        return submit(group, Command.Thaw::new);
    }

    @Override
    public CompletableFuture<ActionReport> killAll(GroupKey group) {
        return submit(group, Command.KillAll::new);
    }

    private interface CommandFor {
        Command build(GroupRef ref) throws InvalidInputException;
    }

    private CompletableFuture<ActionReport> submit(GroupKey key, CommandFor build) {
        return submit(key, build, Progress.none());
    }

    private CompletableFuture<ActionReport> submit(GroupKey key, CommandFor build, Progress progress) {
        Optional<Hierarchy> h = hierarchies.apply(key.hierarchyId());
        if (h.isEmpty()) {
            return CompletableFuture.completedFuture(ActionReport.rejected("Nothing done",
                    "hierarchy " + key.hierarchyId() + " is no longer mounted"));
        }
        Command c;
        try {
            c = build.build(new GroupRef(h.get(), key.path()));
        } catch (InvalidInputException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ActionReport.rejected("Nothing done", e.getMessage()));
        }
        if (progress != Progress.none()) {
            return withProgress.apply(c, progress).thenApply(this::report);
        }
        return submit(c);
    }

    private CompletableFuture<ActionReport> submit(Command c) {
        return engine.apply(c).thenApply(this::report);
    }

    private static String valid(GroupRef ref, String name) throws InvalidInputException {
        return GroupName.validate(name, ref.hierarchy().controllers());
    }

    /** The engine's result in people's words, with Undo when the engine knows an inverse. */
    public ActionReport report(CommandResult r) {
        List<String> lines = new ArrayList<>();
        List<Step> steps = List.of();
        List<Failure> failures = List.of();
        ActionReport.Outcome outcome;
        if (r instanceof CommandResult.Applied a) {
            steps = a.steps();
            outcome = ActionReport.Outcome.APPLIED;
        } else if (r instanceof CommandResult.Partial p) {
            steps = p.steps();
            failures = p.failures();
            outcome = ActionReport.Outcome.PARTIAL;
        } else {
            failures = ((CommandResult.Rejected) r).failures();
            outcome = ActionReport.Outcome.REJECTED;
        }
        String summary;
        if (r.command() instanceof Command.MoveTasks m) {
            MoveSummary s = MoveSummary.of(m, steps.size(), failures);
            summary = s.title(" to " + m.target()); // "unified:/web", "cpu,cpuacct:/web"
            lines.addAll(s.details());
        } else {
            steps.forEach(s -> lines.add(s.toString()));
            failures.forEach(f -> lines.add(f.message()));
            summary = summary(r.command(), outcome);
        }
        lines.addAll(r.warnings());
        Optional<ActionReport.Undo> undo = Optional.empty();
        if (!r.inverse().isEmpty()) {
            List<Command> inverse = r.inverse();
            Command back = inverse.size() == 1 ? inverse.get(0)
                    : new Command.Sequence("undo: " + r.command().describe(), inverse);
            undo = Optional.of(new ActionReport.Undo(undoLabel(r.command()), () -> submit(back)));
        }
        return new ActionReport(summary, outcome, lines, undo);
    }

    static String summary(Command c, ActionReport.Outcome outcome) {
        String what = c.describe();
        return switch (outcome) {
            case APPLIED -> "Done: " + what;
            case PARTIAL -> "Partly done: " + what;
            case REJECTED -> "Refused: " + what;
        };
    }

    private static String undoLabel(Command c) {
        if (c instanceof Command.MoveTasks m) {
            return "move of " + m.ids().size() + (m.ids().size() == 1 ? " task" : " tasks");
        }
        return c.describe();
    }
}
