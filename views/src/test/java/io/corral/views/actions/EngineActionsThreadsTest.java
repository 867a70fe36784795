package io.corral.views.actions;

import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcessState;
import io.corral.model.proc.ThreadInfo;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The console's thread listing over procfs on a fixture host. */
class EngineActionsThreadsTest {
    @TempDir
    Path dir;

    @Test
    void threadsOfTheGivenProcessesAreListedInOrderAndGoneOnesLeftOut() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.process(300).command("java", "java", "-jar", "x.jar").threads(2).write();
        host.process(400).command("sleep", "sleep", "9").write();
        EngineActions actions = new EngineActions(c -> CompletableFuture.failedFuture(new AssertionError("no commands")),
                id -> java.util.Optional.empty()).readingThreadsFrom(new ProcFs(host.root()));

        Map<Long, List<ThreadInfo>> threads = actions.threads(List.of(400L, 300L, 999L)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(400L, 300L), List.copyOf(threads.keySet()), "in the asked order; 999 is gone");
        assertEquals(List.of(new ThreadInfo(300, "java", ProcessState.SLEEPING),
                new ThreadInfo(301, "java-1", ProcessState.SLEEPING)), threads.get(300L));
        assertEquals(List.of(new ThreadInfo(400, "sleep", ProcessState.SLEEPING)), threads.get(400L));
    }

    @Test
    void withoutProcfsTheListingFailsWithTheReason() {
        EngineActions actions = new EngineActions(c -> CompletableFuture.failedFuture(new AssertionError()),
                id -> java.util.Optional.empty());
        ExecutionException e = assertThrows(ExecutionException.class, () -> actions.threads(List.of(1L)).get());
        assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    }
}
