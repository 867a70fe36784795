package io.corral.model.command;

import io.corral.model.kernel.Errno;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch move reports after every write and stops between writes when cancelled. */
class MoveProgressTest {
    @TempDir
    Path dir;

    private EngineFixture fixtureWith(int processes) throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        f.make("pids", "/corral-test-a");
        f.make("pids", "/corral-test-t");
        for (int pid = 100; pid < 100 + processes; pid++) {
            f.tasks.process(pid, 'S').in(pid, f.h("pids"), "/corral-test-a");
        }
        return f;
    }

    private static List<Integer> pids(int n) {
        return IntStream.range(100, 100 + n).boxed().toList();
    }

    @Test
    void aMoveReportsNOfTotalAfterEachWrite() throws Exception {
        EngineFixture f = fixtureWith(5);
        f.tasks.process(200, 'Z').in(200, f.h("pids"), "/corral-test-a");
        List<Progress.Update> seen = new ArrayList<>();
        List<Integer> ids = new ArrayList<>(pids(5));
        ids.add(2, 200);
        CommandResult r = f.engine.run(new Command.MoveTasks(f.g("pids", "/corral-test-t"), ids, false),
                new Progress(seen::add));
        assertInstanceOf(CommandResult.Partial.class, r);
        assertEquals(6, seen.size(), "one update per task");
        assertEquals(new Progress.Update(1, 6, 1, 1, 0), seen.get(0));
        assertEquals(new Progress.Update(3, 6, 1, 2, 1), seen.get(2), "the zombie counts as not moved");
        assertEquals(new Progress.Update(6, 6, 1, 5, 1), seen.get(5));
    }

    @Test
    void cancellingStopsBeforeTheNextWriteAndWhatMovedStaysMovedAndUndoable() throws Exception {
        EngineFixture f = fixtureWith(10);
        Progress[] progress = new Progress[1];
        progress[0] = new Progress(u -> {
            if (u.done() == 4) {
                progress[0].cancel();
            }
        });
        CommandResult r = f.engine.run(new Command.MoveTasks(f.g("pids", "/corral-test-t"), pids(10), false),
                progress[0]);
        assertEquals(4, f.writes.size(), "no write after the cancel: " + f.writes);
        CommandResult.Partial p = assertInstanceOf(CommandResult.Partial.class, r);
        assertEquals(4, p.steps().size());
        assertEquals(1, p.failures().size());
        assertEquals(Errno.EINTR, p.failures().get(0).errno());
        assertTrue(p.failures().get(0).message().startsWith("cancelled: 6 of 10 tasks were not moved"),
                p.failures().get(0).message());
        assertEquals(List.of(new Command.MoveTasks(f.g("pids", "/corral-test-a"), List.of(100, 101, 102, 103), false)),
                r.inverse());
        f.engine.undo(r).orElseThrow();
        for (int pid : pids(10)) {
            assertEquals("/corral-test-a", f.tasks.groupOf(pid, false, f.h("pids")).orElseThrow().toString());
        }
    }

    @Test
    void moveAllReportsItsPassAndStopsWhenCancelled() throws Exception {
        EngineFixture f = fixtureWith(6);
        // The fixture's cgroup.procs does not follow the writes: the source keeps listing all
        // six, as a group that forks as fast as we move would.
        f.make("pids", "/corral-test-a", "cgroup.procs", "100\n101\n102\n103\n104\n105\n");
        List<Progress.Update> seen = new ArrayList<>();
        Progress[] progress = new Progress[1];
        progress[0] = new Progress(u -> {
            seen.add(u);
            if (u.moved() == 3) {
                progress[0].cancel();
            }
        });
        CommandResult r = f.engine.run(new Command.MoveAllTasks(f.g("pids", "/corral-test-a"),
                f.g("pids", "/corral-test-t")), progress[0]);
        assertEquals(3, f.writes.size(), f.writes.toString());
        assertEquals(new Progress.Update(3, 6, 1, 3, 0), seen.get(seen.size() - 1));
        CommandResult.Partial p = assertInstanceOf(CommandResult.Partial.class, r);
        assertTrue(p.failures().stream().anyMatch(x -> x.errno() == Errno.EINTR), p.failures()::toString);
        assertTrue(p.failures().stream().noneMatch(x -> x.errno() == Errno.EAGAIN),
                "cancelled tasks are not reported as stragglers: " + p.failures());
    }

    @Test
    void cancellingAnUndoSequenceSkipsTheRemainingSteps() throws Exception {
        EngineFixture f = fixtureWith(2);
        f.make("pids", "/corral-test-b");
        Progress p = new Progress(u -> { });
        p.cancel();
        CommandResult r = f.engine.run(new Command.Sequence("two moves", List.of(
                new Command.MoveTasks(f.g("pids", "/corral-test-t"), List.of(100), false),
                new Command.MoveTasks(f.g("pids", "/corral-test-b"), List.of(101), false))), p);
        assertEquals(List.of(), f.writes);
        assertEquals(1, ((CommandResult.Rejected) r).failures().size(), r.toString());
    }
}
