package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.ReadProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fd side of the tracking sampler on fixture files: hot counters compared with their last
 * reading (a file that vanishes, a counter going backwards), fingerprints of the files a full reading
 * reads, and directory inodes (a group recreated under the same path). Live: CounterFilesLiveTest.
 */
class CounterFilesTest {
    @TempDir
    Path root;

    private final List<ReadProblem> problems = new ArrayList<>();

    private TrackedNode node(CounterFiles c, Path dir, String... hot) throws Exception {
        byte[] d = c.dirBytes(dir);
        return new TrackedNode(null, GroupPath.ROOT, d, "/", 1, 0, c.handles(d, CounterFiles.suffixes(List.of(hot))));
    }

    private Path group(String name) throws Exception {
        Path g = Files.createDirectories(root.resolve(name));
        Files.writeString(g.resolve("cpuacct.usage"), "1000\n");
        Files.writeString(g.resolve("pids.current"), "3\n");
        return g;
    }

    @Test
    void unchangedHotFilesReadAsUnchangedAndAnyByteChangedAsChanged() throws Exception {
        Path g = group("web");
        try (CounterFiles c = new CounterFiles(root, 8)) {
            TrackedNode n = node(c, g, "cpuacct.usage", "pids.current");
            assertEquals(CounterFiles.CHANGED, c.readHot(n, problems), "the first reading is a change");
            c.nextTick();
            assertEquals(0, c.readHot(n, problems));
            Files.writeString(g.resolve("pids.current"), "4\n");
            assertEquals(CounterFiles.CHANGED, c.readHot(n, problems));
            // A counter going backwards (reset, a recreated group's file): a change like any other;
            // Rates gives no rate across it (RatesTest), the reader must only not miss it.
            Files.writeString(g.resolve("cpuacct.usage"), "999\n");
            assertEquals(CounterFiles.CHANGED, c.readHot(n, problems));
            assertEquals("999\n", c.text(n.hot[0]));
            assertEquals(0, c.readHot(n, problems));
            assertTrue(problems.isEmpty(), problems.toString());
        }
    }

    @Test
    void aHotFileThatVanishesBetweenTicksSaysTheGroupMayBeGoneOnce() throws Exception {
        Path g = group("web");
        // No fd budget: every read opens the file (beyond-budget files), as a removed
        // cgroup's kept fd would fail (ENODEV, KeptFilesLiveTest); a plain file's kept fd would not.
        try (CounterFiles c = new CounterFiles(root, 0)) {
            TrackedNode n = node(c, g, "cpuacct.usage", "pids.current");
            c.readHot(n, problems);
            Files.delete(g.resolve("pids.current"));
            assertEquals(CounterFiles.CHANGED | CounterFiles.MAYBE_GONE, c.readHot(n, problems));
            assertEquals(-1, n.hot[1].lastLength(), "absent, not zero");
            assertEquals(0, c.readHot(n, problems), "still absent: no news");
            Files.writeString(g.resolve("pids.current"), "0\n");
            assertEquals(CounterFiles.CHANGED, c.readHot(n, problems), "back (recreated): a change, not a vanishing");
            assertEquals("0\n", c.text(n.hot[1]));
        }
    }

    @Test
    void theFingerprintChangesWithAnyFileItCoversAndTellsAbsentFromEmpty() throws Exception {
        Path g = group("web");
        Files.writeString(g.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        byte[][] names = CounterFiles.suffixes(List.of("cpuacct.usage", "memory.limit_in_bytes", "pids.max"));
        try (CounterFiles c = new CounterFiles(root, 8)) {
            byte[] dir = c.dirBytes(g);
            long a = c.fingerprint(dir, names);
            assertEquals(a, c.fingerprint(dir, names), "nothing changed");
            Files.writeString(g.resolve("memory.limit_in_bytes"), "1048576\n");
            long b = c.fingerprint(dir, names);
            assertNotEquals(a, b);
            Files.writeString(g.resolve("pids.max"), "");
            long empty = c.fingerprint(dir, names);
            assertNotEquals(b, empty, "an empty file is not an absent one");
            Files.delete(g.resolve("pids.max"));
            assertEquals(b, c.fingerprint(dir, names), "absent again: as before");
            Files.writeString(g.resolve("cpuacct.usage"), "1000\n\n");
            assertNotEquals(b, c.fingerprint(dir, names), "a length change alone counts");
        }
    }

    @Test
    void aDirectoryRecreatedUnderTheSamePathHasAnotherInodeAndAMissingOneIsGone() throws Exception {
        Path g = group("web");
        Files.createDirectories(g.resolve("child"));
        try (CounterFiles c = new CounterFiles(root, 8)) {
            byte[] dir = c.dirBytes(g);
            long first = c.inode(dir);
            assertEquals(Files.getAttribute(g, "unix:ino"), first);
            assertEquals(3, c.links(), "2 + one subdirectory");
            Files.move(g, root.resolve("old")); // still there, so the new one cannot reuse its inode
            assertEquals(CounterFiles.GONE, c.inode(dir));
            Files.createDirectory(g);
            long second = c.inode(dir);
            assertNotEquals(first, second);
            assertEquals(2, c.links());
            Files.delete(g);
            Files.writeString(g, "a file took its place");
            assertEquals(CounterFiles.GONE, c.inode(c.dirBytes(g.resolve("x"))), "ENOTDIR: gone");
        }
    }
}
