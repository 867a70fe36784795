package io.corral.model.sample;

import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {
    @TempDir
    Path dir;

    @Test
    void publishesSnapshotsOnADaemonThreadToListenersAndLatest() throws Exception {
        SnapshotReader reader = Golden.reader(FixtureScenes.unified(dir).root());
        CountDownLatch three = new CountDownLatch(3);
        List<String> threads = new CopyOnWriteArrayList<>();
        try (Sampler s = new Sampler(reader::read, Duration.ofMillis(20))) {
            s.addListener(snap -> {
                threads.add(Thread.currentThread().getName() + ":" + Thread.currentThread().isDaemon());
                three.countDown();
            });
            assertTrue(s.latest().isEmpty());
            s.start();
            assertTrue(three.await(10, TimeUnit.SECONDS));
            assertTrue(s.latest().isPresent());
            assertEquals("fixture-host", s.latest().get().hostName());
        }
        assertTrue(threads.stream().allMatch(t -> t.equals("corral-sampler:true")), threads.toString());
    }

    @Test
    void aFailingReadIsRememberedAndSamplingGoesOn() throws Exception {
        SnapshotReader reader = Golden.reader(FixtureScenes.unified(dir).root());
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch recovered = new CountDownLatch(1);
        try (Sampler s = new Sampler(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("mountinfo unreadable");
            }
            return reader.read();
        }, Duration.ofMillis(20))) {
            s.addListener(snap -> recovered.countDown());
            s.start();
            assertTrue(recovered.await(10, TimeUnit.SECONDS));
            assertTrue(s.lastFailure().isEmpty(), "cleared by the next success");
            assertTrue(calls.get() >= 2);
        }
    }

    @Test
    void sampleNowReadsAtOnceWithoutStart() throws Exception {
        SnapshotReader reader = Golden.reader(FixtureScenes.unified(dir).root());
        CountDownLatch one = new CountDownLatch(1);
        try (Sampler s = new Sampler(reader::read, Duration.ofHours(1))) {
            s.addListener(snap -> one.countDown());
            s.sampleNow();
            assertTrue(one.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void defaultIntervalIsOneSecond() {
        assertEquals(Duration.ofSeconds(1), Sampler.DEFAULT_INTERVAL);
    }

    @Test
    void partialSnapshotsArePublishedOnlyUntilTheFirstWholeOne() throws Exception {
        SnapshotReader reader = Golden.reader(FixtureScenes.hybrid(dir).root());
        List<HostSnapshot> seen = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        try (Sampler s = new Sampler(Sampler.source(reader), Duration.ofHours(1))) {
            s.addListener(snap -> {
                seen.add(snap);
                if (!snap.partial()) {
                    three.countDown();
                }
            });
            s.sampleNow();
            s.sampleNow();
            s.sampleNow();
            assertTrue(three.await(10, TimeUnit.SECONDS));
            assertFalse(s.latest().orElseThrow().partial());
        }
        int firstWhole = 0;
        while (seen.get(firstWhole).partial()) {
            firstWhole++;
        }
        assertTrue(firstWhole > 1, "names first, then the hierarchies one by one: " + firstWhole);
        assertEquals(firstWhole + 3, seen.size(), "after the first whole snapshot only whole ones");
        assertTrue(seen.subList(firstWhole, seen.size()).stream().noneMatch(HostSnapshot::partial));
        assertFalse(seen.get(0).namesOnly().isEmpty());
    }
}
