package io.corral.views.actions;

import io.corral.model.command.Progress;
import io.corral.views.testing.Fx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.ArrayDeque;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's per-write updates reach the FX properties coalesced: at most one hand-over pending, newest wins. */
@ExtendWith(ApplicationExtension.class)
class BatchProgressTest {

    @Test
    void aThousandWritesQueueOneHandOverAndTheNewestIsShown() {
        Queue<Runnable> fx = new ArrayDeque<>();
        BatchProgress p = new BatchProgress("Moving 1000 tasks to /x", fx::add);
        for (int i = 1; i <= 1000; i++) {
            p.model().report(new Progress.Update(i, 1000, 1, i, 0));
        }
        assertEquals(1, fx.size(), "one pending hand-over, not one per write");
        Fx.run(() -> fx.poll().run());
        assertEquals(1000, p.lastProperty().get().done());
        assertEquals(1.0, p.fractionProperty().get());
        assertEquals("1000 of 1000 (moved 1000)", p.textProperty().get());
        p.model().report(new Progress.Update(3, 7, 2, 1003, 4));
        assertEquals(1, fx.size(), "the next write queues the next hand-over");
        Fx.run(() -> fx.poll().run());
        assertEquals("pass 2: 3 of 7 (moved 1003, 4 not moved)", p.textProperty().get());
    }

    @Test
    void cancelAsksTheEngineToStopAndSaysSo() {
        BatchProgress p = new BatchProgress("Moving 5 tasks to /x", Runnable::run);
        Fx.run(p::cancel);
        assertTrue(p.model().cancelled());
        assertTrue(p.cancelRequestedProperty().get());
        assertTrue(p.textProperty().get().endsWith("cancelling\u2026"), p.textProperty().get());
    }
}
