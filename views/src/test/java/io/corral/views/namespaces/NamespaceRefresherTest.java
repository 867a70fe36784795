package io.corral.views.namespaces;

import io.corral.model.namespace.NamespaceSnapshot;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots reach the FX thread latest-wins, never queued behind a busy FX thread. */
@ExtendWith(ApplicationExtension.class)
class NamespaceRefresherTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static NamespaceSnapshot at(long second) {
        return new NamespaceSnapshot(Instant.ofEpochSecond(second), new TreeMap<>(), new TreeMap<>(), List.of());
    }

    @Test
    void aBusyFxThreadSeesOnlyTheLatestSnapshot() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        List<NamespaceSnapshot> delivered = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        try (NamespaceRefresher r = new NamespaceRefresher(() -> at(reads.incrementAndGet()), s -> {
            delivered.add(s);
            threads.add(Thread.currentThread().getName());
        }, e -> { })) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Platform.runLater(() -> {
                blocked.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            blocked.await();
            for (int i = 0; i < 5; i++) {
                r.readOnce();
            }
            release.countDown();
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(5, reads.get());
        assertEquals(List.of(at(5)), delivered, "one delivery, of the last read");
        assertTrue(threads.get(0).contains("JavaFX Application Thread"), threads.toString());
    }

    @Test
    void aFailedReadIsReportedAndTheNextOneStillArrives() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        List<Exception> errors = new ArrayList<>();
        CountDownLatch got = new CountDownLatch(1);
        try (NamespaceRefresher r = new NamespaceRefresher(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new java.io.IOException("proc unreadable");
            }
            return at(2);
        }, s -> got.countDown(), errors::add)) {
            r.start(Duration.ofMillis(20));
            assertTrue(got.await(5, TimeUnit.SECONDS));
        }
        assertEquals("proc unreadable", errors.get(0).getMessage());
    }
}
