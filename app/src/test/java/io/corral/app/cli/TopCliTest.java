package io.corral.app.cli;

import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.corral.app.cli.TreeAndGetCliTest.corral;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code corral top --batch} end to end on a fixture host. */
class TopCliTest {
    @TempDir
    Path dir;

    @Test
    void batchPrintsOneFramePerIterationWithCgtopColumns() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        TreeAndGetCliTest.Run r = corral(host, "top", "--batch", "-n", "2", "-d", "0.05", "--order", "memory");
        assertEquals(0, r.status(), r.err());
        String[] frames = r.out().split("\n\n");
        assertEquals(2, frames.length, r.out());
        List<String> lines = frames[1].lines().toList();
        String web = lines.stream().filter(l -> l.startsWith("/web ")).findFirst().orElseThrow();
        // tasks from pids.current (4), memory.usage_in_bytes 52428800 = 50.0M, no CPU% (fixture counters do not move)
        assertEquals(List.of("/web", "4", "0.0", "50.0M", "0B", "0B"), List.of(web.trim().split("\\s+")), web);
    }

    @Test
    void cpuPercentComesFromTheCounterBetweenTwoFrames() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        Path usage = host.path(host.mount("cpuacct") + "/web/cpuacct.usage");
        Thread writer = new Thread(() -> {
            // Overwrite in place, never truncate: the counter only grows, so a reader can never
            // catch the file empty between a truncation and the write (as with Files.writeString).
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(usage,
                    java.nio.file.StandardOpenOption.WRITE)) {
                for (long v = 2_500_000_000L; !Thread.currentThread().isInterrupted(); v += 50_000_000L) {
                    ch.write(java.nio.ByteBuffer.wrap((v + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                // stopped
            }
        });
        writer.start();
        try {
            TreeAndGetCliTest.Run r = corral(host, "top", "--batch", "-n", "2", "-d", "0.5");
            assertEquals(0, r.status(), r.err());
            String second = r.out().split("\n\n")[1];
            String first = second.lines().findFirst().orElseThrow();
            assertTrue(first.startsWith("/web "), "busiest first: " + second);
            double cpu = Double.parseDouble(first.trim().split("\\s+")[2]);
            assertTrue(cpu > 50, "about 500% of a core written per second, got " + cpu);
        } finally {
            writer.interrupt();
            writer.join();
        }
    }

    @Test
    void refusesAnUnknownOrder() throws Exception {
        TreeAndGetCliTest.Run r = corral(FixtureScenes.hybrid(dir), "top", "--batch", "--order", "colour");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--order"), r.err());
    }
}
