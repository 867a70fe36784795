package io.corral.model.command;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.Setting;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's inverse is computed from the state read before it ran, and undoing restores it. */
class UndoTest {
    @TempDir
    Path dir;

    @Test
    void undoOfAMoveSendsEachProcessBackWhereItWas() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef target = f.make("pids", "/corral-test-t");
        f.make("pids", "/corral-test-a");
        f.make("pids", "/corral-test-b");
        f.tasks.process(11, 'S').in(11, f.h("pids"), "/corral-test-a")
                .process(12, 'S').in(12, f.h("pids"), "/corral-test-b")
                .process(13, 'R').in(13, f.h("pids"), "/corral-test-a");
        CommandResult r = f.engine.run(new Command.MoveTasks(target, List.of(11, 12, 13), false));
        assertInstanceOf(CommandResult.Applied.class, r);
        assertEquals(List.of(
                new Command.MoveTasks(f.g("pids", "/corral-test-a"), List.of(11, 13), false),
                new Command.MoveTasks(f.g("pids", "/corral-test-b"), List.of(12), false)), r.inverse());
        f.writes.clear();
        f.engine.undo(r).orElseThrow();
        assertEquals(List.of("sys/fs/cgroup/pids/corral-test-a/cgroup.procs=11",
                "sys/fs/cgroup/pids/corral-test-a/cgroup.procs=13",
                "sys/fs/cgroup/pids/corral-test-b/cgroup.procs=12"), f.writes);
        assertEquals("/corral-test-b", f.tasks.groupOf(12, false, f.h("pids")).orElseThrow().toString());
    }

    @Test
    void undoOfSetLimitsRestoresTheOldValues() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("pids", "/corral-test-a", "pids.max", "max\n");
        CommandResult r = f.engine.run(new Command.SetLimits(g,
                List.of(new Setting(Knob.PIDS_MAX, new LimitValue.Count(64)))));
        assertInstanceOf(CommandResult.Applied.class, r, r::toString);
        assertEquals("64", Files.readString(g.dir(f.fs).resolve("pids.max")));
        assertEquals(List.of(new Command.SetLimits(g, List.of(new Setting(Knob.PIDS_MAX, LimitValue.Unlimited.INSTANCE)))),
                r.inverse());
        f.engine.undo(r).orElseThrow();
        assertEquals("max", Files.readString(g.dir(f.fs).resolve("pids.max")));
    }

    @Test
    void undoOfCreateRemovesAndUndoOfRemoveCreates() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.g("cpu", "/corral-test-a");
        CommandResult created = f.engine.run(new Command.CreateGroup(g));
        assertTrue(Files.isDirectory(g.dir(f.fs)));
        f.engine.undo(created).orElseThrow();
        assertFalse(Files.exists(g.dir(f.fs)));
    }

    @Test
    void undoOfEnableDisablesOnlyWhatWasNewlyEnabled() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        GroupRef g = f.make("unified", "/corral-test-a", "cgroup.controllers", "memory pids\n",
                "cgroup.subtree_control", "memory\n");
        CommandResult r = f.engine.run(new Command.EnableControllers(g, Set.of("memory", "pids")));
        assertEquals(List.of("sys/fs/cgroup/corral-test-a/cgroup.subtree_control=+pids"), f.writes);
        assertEquals(List.of(new Command.DisableControllers(g, Set.of("pids"))), r.inverse());
    }

    @Test
    void freezingAFrozenGroupHasNothingToUndo() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("freezer", "/corral-test-a", "freezer.state", "FROZEN\n");
        CommandResult r = f.engine.run(new Command.Freeze(g));
        assertInstanceOf(CommandResult.Applied.class, r);
        assertEquals(List.of(), r.inverse());
    }

    @Test
    void anAllOrNothingSequenceRollsBackWhenAStepFails() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef a = f.g("cpu", "/corral-test-a");
        GroupRef b = f.g("pids", "/corral-test-missing/child");
        CommandResult r = f.engine.run(new Command.Sequence("both", List.of(
                new Command.CreateGroup(a), new Command.CreateGroup(b)), true));
        CommandResult.Rejected j = assertInstanceOf(CommandResult.Rejected.class, r);
        assertTrue(j.failure().message().contains("does not exist"), j.failure().message());
        assertEquals(List.of("rolled back: remove group cpu:/corral-test-a"), j.warnings());
        assertFalse(Files.exists(a.dir(f.fs)));
    }
}
