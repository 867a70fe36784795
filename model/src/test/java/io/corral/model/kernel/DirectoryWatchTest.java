package io.corral.model.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * inotify through libc on a plain directory (the VFS sends the same events for cgroupfs;
 * TrackedTreesLiveTest covers real groups): subdirectories made, renamed and removed are
 * reported by name under the watch of their parent, writes as "written", plain files made
 * are not children, and a cancelled watch reports nothing more.
 */
class DirectoryWatchTest {
    @TempDir
    Path dir;

    /** Events as text, in order: "child WD NAME", "written WD", "overflow". */
    private static List<String> drain(DirectoryWatch w) {
        List<String> out = new ArrayList<>();
        w.drain(new DirectoryWatch.Events() {
            @Override
            public void childChanged(int watch, String child) {
                out.add("child " + watch + " " + child);
            }

            @Override
            public void written(int watch) {
                out.add("written " + watch);
            }

            @Override
            public void overflow() {
                out.add("overflow");
            }
        });
        return out;
    }

    private static byte[] bytes(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void subdirectoriesMadeRenamedAndRemovedAreReportedByNameUnderTheirParentsWatch() throws Exception {
        Path web = Files.createDirectory(dir.resolve("web"));
        try (DirectoryWatch w = new DirectoryWatch()) {
            int wd = w.watch(bytes(web));
            assertTrue(wd > 0);
            assertEquals(List.of(), drain(w), "nothing yet");
            Files.createDirectory(web.resolve("api"));
            Files.move(web.resolve("api"), web.resolve("api2"));
            Files.delete(web.resolve("api2"));
            assertEquals(List.of("child " + wd + " api", "child " + wd + " api", "child " + wd + " api2",
                    "child " + wd + " api2"), drain(w));
            assertEquals(List.of(), drain(w), "each event once");
        }
    }

    @Test
    void aWrittenFileIsReportedAsWrittenAndAPlainFileIsNoChild() throws Exception {
        Path web = Files.createDirectory(dir.resolve("web"));
        Path limit = Files.writeString(web.resolve("memory.limit_in_bytes"), "max\n");
        try (DirectoryWatch w = new DirectoryWatch()) {
            int wd = w.watch(bytes(web));
            Files.writeString(limit, "1048576\n");
            List<String> events = drain(w);
            assertTrue(events.contains("written " + wd), events.toString());
            assertTrue(events.stream().noneMatch(e -> e.startsWith("child")), events.toString());
            Files.writeString(web.resolve("new-file"), "");
            assertTrue(drain(w).stream().noneMatch(e -> e.startsWith("child")), "a file is not a group");
        }
    }

    @Test
    void twoDirectoriesHaveTwoWatchesAndACancelledOneReportsNothingMore() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        try (DirectoryWatch w = new DirectoryWatch()) {
            int wa = w.watch(bytes(a));
            int wb = w.watch(bytes(b));
            assertTrue(wa != wb);
            assertEquals(wa, w.watch(bytes(a)), "the same directory: the same watch");
            w.cancel(wa);
            drain(w); // the kernel's IN_IGNORED for the cancelled watch: not reported
            Files.createDirectory(a.resolve("x"));
            Files.createDirectory(b.resolve("y"));
            assertEquals(List.of("child " + wb + " y"), drain(w));
        }
    }

    @Test
    void aMissingDirectoryCannotBeWatched() throws Exception {
        try (DirectoryWatch w = new DirectoryWatch()) {
            assertEquals(-1, w.watch(bytes(dir.resolve("nothing"))));
            Path file = Files.writeString(dir.resolve("file"), "");
            assertEquals(-1, w.watch(bytes(file)), "IN_ONLYDIR");
        }
    }
}
