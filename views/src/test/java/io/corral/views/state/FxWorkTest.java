package io.corral.views.state;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over clock the GUI benchmark reads: what piled up since it last asked, and the parts. */
class FxWorkTest {
    private static void busy(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void handOversPileUpUntilTakenAndPartsAddUp() {
        FxWork w = new FxWork();
        w.handOver(() -> w.time("tree", () -> busy(3)));
        w.handOver(() -> w.time("tasks", () -> busy(2)));
        long pending = w.takePending();
        assertTrue(pending >= TimeUnit.MILLISECONDS.toNanos(5), "both hand-overs: " + pending);
        assertTrue(w.takePendingCpu() >= TimeUnit.MILLISECONDS.toNanos(4), "spinning is CPU time");
        assertEquals(0, w.takePending(), "taken");
        assertEquals(0, w.takePendingCpu(), "taken");
        assertEquals(pending, w.total());
        assertEquals(List.of("tree", "tasks"), List.copyOf(w.parts().keySet()), "in the order they first ran");
        assertTrue(w.parts().get("tree") >= TimeUnit.MILLISECONDS.toNanos(3));
        assertTrue(w.parts().get("tree") + w.parts().get("tasks") <= pending, "parts are inside the hand-over");
    }
}
