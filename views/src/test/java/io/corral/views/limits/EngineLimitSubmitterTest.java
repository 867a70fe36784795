package io.corral.views.limits;

import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.command.Failure;
import io.corral.model.command.Step;
import io.corral.model.kernel.Errno;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.Setting;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How engine results become per-knob answers (the engine's own behaviour is tested in model). */
class EngineLimitSubmitterTest {
    private final Setting max = new Setting(Knob.MEMORY_MAX, new LimitValue.Bytes(100_000_000));
    private final Setting pids = new Setting(Knob.PIDS_MAX, new LimitValue.Count(64));
    private final Command cmd = new Command.Sequence("test", List.of());

    @Test
    void aValueTheKernelRoundedIsClampedWithWhatItHolds() {
        CommandResult r = new CommandResult.Applied(cmd, List.of(
                Step.done("set " + max + " on memory:/g", "memory.limit_in_bytes = 99999744 (99999744)"),
                Step.done("set " + pids + " on memory:/g", "pids.max = 64 (64)")), List.of(), List.of());
        LimitsOutcome o = EngineLimitSubmitter.outcome(List.of(max, pids), r);
        assertEquals(LimitsOutcome.Status.CLAMPED, o.of(Knob.MEMORY_MAX).orElseThrow().status());
        assertTrue(o.of(Knob.MEMORY_MAX).orElseThrow().message().contains("99999744"));
        assertEquals(LimitsOutcome.Status.APPLIED, o.of(Knob.PIDS_MAX).orElseThrow().status());
    }

    @Test
    void aSettingWithoutAStepIsRejectedWithTheEnginesReason() {
        Failure f = Failure.rule(Errno.EBUSY, Path.of("/x/memory.max"), "1", "memory.max is below current usage");
        CommandResult r = new CommandResult.Partial(cmd, List.of(Step.done("set " + pids + " on g", "pids.max = 64 (64)")),
                List.of(f), List.of(), List.of());
        LimitsOutcome o = EngineLimitSubmitter.outcome(List.of(max, pids), r);
        assertEquals(LimitsOutcome.Status.REJECTED, o.of(Knob.MEMORY_MAX).orElseThrow().status());
        assertEquals("EBUSY: memory.max is below current usage", o.of(Knob.MEMORY_MAX).orElseThrow().message());
        assertEquals(LimitsOutcome.Status.APPLIED, o.of(Knob.PIDS_MAX).orElseThrow().status());
    }
}
