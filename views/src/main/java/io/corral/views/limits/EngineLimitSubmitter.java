package io.corral.views.limits;

import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.command.Failure;
import io.corral.model.command.GroupRef;
import io.corral.model.command.Step;
import io.corral.model.limit.Setting;
import io.corral.model.sample.GroupKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Sends the editor's changes to the command engine as one {@link Command.SetLimits} per
 * group, and turns the engine's result into per-knob answers: applied (the re-read value is
 * what was asked), clamped (the kernel holds something else: rounded to pages, capped), or
 * rejected with the engine's explanation.
 */
public final class EngineLimitSubmitter implements LimitSubmitter {
    private final Function<Command, CompletableFuture<CommandResult>> engine;
    private final Function<GroupKey, Optional<GroupRef>> groups;

    /**
     * @param engine usually {@code commandEngine::submit} (runs on the engine's writer thread)
     * @param groups finds the group (with its hierarchy) of a key in the latest snapshot
     */
    public EngineLimitSubmitter(Function<Command, CompletableFuture<CommandResult>> engine,
                                Function<GroupKey, Optional<GroupRef>> groups) {
        this.engine = engine;
        this.groups = groups;
    }

    @Override
    public CompletionStage<LimitsOutcome> submit(GroupKey group, List<Setting> settings) {
        Optional<GroupRef> ref = groups.apply(group);
        if (ref.isEmpty()) {
            return CompletableFuture.completedFuture(LimitsOutcome.rejected(settings,
                    "the group " + group + " is gone"));
        }
        return engine.apply(new Command.SetLimits(ref.get(), settings)).thenApply(r -> outcome(settings, r));
    }

    /** Per setting: its step (applied or clamped), else a failure in order (rejected). */
    static LimitsOutcome outcome(List<Setting> settings, CommandResult result) {
        List<Step> steps = result instanceof CommandResult.Applied a ? a.steps()
                : result instanceof CommandResult.Partial p ? p.steps() : List.of();
        List<Failure> failures = result instanceof CommandResult.Partial p ? p.failures()
                : result instanceof CommandResult.Rejected j ? j.failures() : List.of();
        List<LimitsOutcome.SettingOutcome> out = new ArrayList<>();
        int nextFailure = 0;
        for (Setting s : settings) {
            Optional<Step> step = steps.stream().filter(st -> st.what().startsWith("set " + s + " on ")).findFirst();
            if (step.isPresent()) {
                Optional<String> holds = step.get().holds();
                // LimitWriter writes "file = raw (value)": the typed value the kernel holds now.
                boolean same = holds.map(h -> h.endsWith("(" + s.value() + ")")).orElse(true);
                out.add(new LimitsOutcome.SettingOutcome(s, same ? LimitsOutcome.Status.APPLIED
                        : LimitsOutcome.Status.CLAMPED, holds, same ? "" : "asked " + s.value() + ", kernel holds "
                        + holds.orElse("?")));
            } else {
                Failure f = failures.isEmpty() ? null
                        : failures.get(Math.min(nextFailure++, failures.size() - 1));
                out.add(new LimitsOutcome.SettingOutcome(s, LimitsOutcome.Status.REJECTED, Optional.empty(),
                        f == null ? "not applied" : f.errno().name() + ": " + f.message()));
            }
        }
        return new LimitsOutcome(out);
    }
}
