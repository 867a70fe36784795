package io.corral.views.actions;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Command;
import io.corral.model.command.Failure;
import io.corral.model.command.GroupRef;
import io.corral.model.kernel.Errno;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A move's report counts moved / exited / refused / not tried, reasons first, per-task lines folded. */
class MoveSummaryTest {
    private static final GroupRef TARGET = new GroupRef(new Hierarchy("unified", CgroupVersion.V2, List.of(),
            "/sys/fs/cgroup", "/"), GroupPath.ofKernel("/web"));
    private static final Path PROCS = Path.of("/sys/fs/cgroup/web/cgroup.procs");

    private static Command.MoveTasks move(int n, boolean threads) {
        return new Command.MoveTasks(TARGET, IntStream.rangeClosed(1, n).boxed().toList(), threads);
    }

    @Test
    void allMovedIsOneLine() {
        MoveSummary s = MoveSummary.of(move(300, false), 300, List.of());
        assertEquals("Moved 300 tasks to /web", s.title(" to /web"));
        assertEquals(List.of("300 moved"), s.details());
    }

    @Test
    void refusalsComeFirstThenExitsAndTheRestIsCounted() {
        List<Failure> f = new ArrayList<>();
        f.add(Failure.rule(Errno.EINVAL, PROCS, "2", "process 2 is a kernel thread"));
        for (int i = 0; i < 7; i++) {
            f.add(new Failure(Errno.ESRCH, PROCS, java.util.Optional.of("9" + i), "process 9" + i + " exited", true));
        }
        MoveSummary s = MoveSummary.of(move(300, false), 292, f);
        assertEquals("Moved 292 of 300 tasks to /web: 7 exited, 1 refused", s.title(" to /web"));
        assertEquals(List.of("292 moved, 7 exited, 1 refused", "process 2 is a kernel thread", "process 90 exited",
                "process 91 exited", "process 92 exited", "process 93 exited", "(3 more not listed)"), s.details());
    }

    @Test
    void aCancelCountsWhatWasNotTried() {
        MoveSummary s = MoveSummary.of(move(300, false), 40, List.of(Failure.rule(Errno.EINTR, PROCS, null,
                "cancelled: 260 of 300 tasks were not moved")));
        assertEquals("Cancelled: moved 40 of 300 tasks to /web", s.title(" to /web"));
        assertEquals(List.of("40 moved, 260 not tried", "cancelled: 260 of 300 tasks were not moved"), s.details());
    }

    @Test
    void oneTaskThatExitedIsSaidInOneLineAndItsReason() {
        MoveSummary s = MoveSummary.of(move(1, false), 0, List.of(new Failure(Errno.ESRCH, PROCS,
                java.util.Optional.of("1"), "process 1 does not exist (it has exited?); nothing was moved", true)));
        assertEquals("Not moved to unified:/web: the task had exited", s.title(" to unified:/web"));
        assertEquals(List.of("process 1 does not exist (it has exited?); nothing was moved"), s.details());
        MoveSummary refused = MoveSummary.of(move(1, true), 0, List.of(Failure.rule(Errno.EINVAL, PROCS, "1",
                "thread 1 is not in a threaded group")));
        assertEquals("Not moved to unified:/web: the thread was refused", refused.title(" to unified:/web"));
    }

    @Test
    void threadsAreCalledThreads() {
        assertEquals("Moved 1 thread to /web", MoveSummary.of(move(1, true), 1, List.of()).title(" to /web"));
    }
}
