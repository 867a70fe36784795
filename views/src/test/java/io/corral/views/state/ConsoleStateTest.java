package io.corral.views.state;

import io.corral.model.sample.GroupKey;

import io.corral.views.testing.FakeHost;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleStateTest {
    /** An FX thread stand-in: runs queued tasks only when the test says so. */
    static final class ManualThread implements Executor {
        final Queue<Runnable> queue = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable r) {
            queue.add(r);
        }

        synchronized int runAll() {
            int n = 0;
            while (!queue.isEmpty()) {
                queue.poll().run();
                n++;
            }
            return n;
        }
    }

    @Test
    void manyOffersWhileTheFxThreadIsBusyScheduleOneDrainAndShowTheNewest() {
        ManualThread fx = new ManualThread();
        ConsoleState state = new ConsoleState(fx);
        FakeHost host = FakeHost.sample();
        ConsoleFrame last = null;
        for (int i = 0; i < 50; i++) {
            last = host.frame();
            state.offer(last);
        }
        assertEquals(1, fx.queue.size(), "at most one pending runLater");
        fx.runAll();
        assertSame(last, state.frame().orElseThrow());
        assertEquals(50, state.offeredCount());
        assertEquals(1, state.publishedCount());
    }

    @Test
    void anOfferAfterTheDrainSchedulesAnotherOne() {
        ManualThread fx = new ManualThread();
        ConsoleState state = new ConsoleState(fx);
        FakeHost host = FakeHost.sample();
        state.offer(host.frame());
        fx.runAll();
        ConsoleFrame second = host.frame();
        state.offer(second);
        assertEquals(1, fx.queue.size());
        fx.runAll();
        assertSame(second, state.frame().orElseThrow());
        assertEquals(2, state.publishedCount());
    }

    @Test
    void theHandOverTimeIncludesTheViewsListeners() throws InterruptedException {
        ManualThread fx = new ManualThread();
        ConsoleState state = new ConsoleState(fx);
        state.frameProperty().addListener((o, was, now) -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(0, state.lastPublishNanos(), "nothing handed over yet");
        state.offer(FakeHost.sample().frame());
        fx.runAll();
        assertTrue(state.lastPublishNanos() >= 30_000_000L, "a listener that took 30 ms: " + state.lastPublishNanos());
    }

    @Test
    void concurrentOffersNeverLoseTheLastFrame() throws InterruptedException {
        ManualThread fx = new ManualThread();
        ConsoleState state = new ConsoleState(fx);
        FakeHost host = FakeHost.sample();
        ConsoleFrame[] frames = new ConsoleFrame[2000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = host.frame();
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread sampler = new Thread(() -> {
            for (ConsoleFrame f : frames) {
                state.offer(f);
            }
            done.countDown();
        });
        sampler.start();
        while (done.getCount() > 0) {
            fx.runAll();
        }
        fx.runAll();
        assertSame(frames[frames.length - 1], state.frame().orElseThrow());
        assertTrue(state.publishedCount() <= frames.length);
    }

    @Test
    void selectionFollowsTheFrameAndRemembersTheGroupPerHierarchy() {
        ManualThread fx = new ManualThread();
        ConsoleState state = new ConsoleState(fx);
        FakeHost host = FakeHost.sample();
        state.offer(host.frame());
        fx.runAll();
        GroupKey backend = FakeHost.key("unified", "/web/backend");
        state.selection().selectGroup(backend);
        assertEquals(1, state.selection().groupRow().get().orElseThrow().tasks().size());
        host.task(backend, 202, "java", false);
        state.offer(host.frame());
        fx.runAll();
        assertEquals(2, state.selection().groupRow().get().orElseThrow().tasks().size(), "row of the newest frame");
        state.selection().selectGroup(FakeHost.key("freezer", "/paused"));
        assertEquals(backend, state.selection().groupPerHierarchy().get("unified"));
        host.removeGroup(FakeHost.key("freezer", "/paused"), true);
        state.offer(host.frame());
        fx.runAll();
        assertTrue(state.selection().groupRow().get().isEmpty(), "a vanished group has no row");
    }
}
