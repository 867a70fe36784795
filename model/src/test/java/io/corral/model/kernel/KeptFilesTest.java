package io.corral.model.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded cache of kept-open files, on plain files (the kernel's side is in KeptFilesLiveTest). */
class KeptFilesTest {
    @TempDir
    Path dir;

    private final ByteBuffer buf = ByteBuffer.allocateDirect(4096);

    private String read(KeptFiles files, KeptFiles.Handle h) throws Exception {
        int n = files.read(h, buf);
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void aKeptFileIsReadAgainFromOffsetZeroWithItsNewContent() throws Exception {
        KeptFiles files = new KeptFiles(dir, 4);
        KeptFiles.Handle h = files.handle(file("pids.current", "1\n"));
        assertEquals("1\n", read(files, h));
        assertTrue(h.isKept());
        Files.writeString(h.path(), "23\n"); // rewritten in place, like a counter
        assertEquals("23\n", read(files, h));
        assertEquals(1, files.openCount());
    }

    @Test
    void aMissingFileReadsAsAbsentNotAsEmpty() throws Exception {
        KeptFiles files = new KeptFiles(dir, 4);
        KeptFiles.Handle h = files.handle(dir.resolve("memory.current"));
        assertEquals(-1, files.read(h, buf));
        assertFalse(h.isKept());
        KeptFiles.Handle empty = files.handle(file("io.stat", ""));
        assertEquals(0, files.read(empty, buf));
    }

    @Test
    void beyondCapacityFilesInUseStayOpenAndNewOnesAreReadWithoutKeepingThem() throws Exception {
        KeptFiles files = new KeptFiles(dir, 2);
        KeptFiles.Handle a = files.handle(file("a", "1"));
        KeptFiles.Handle b = files.handle(file("b", "2"));
        KeptFiles.Handle c = files.handle(file("c", "3"));
        for (int tick = 0; tick < 3; tick++) {
            files.nextTick();
            assertEquals("1", read(files, a));
            assertEquals("2", read(files, b));
            assertEquals("3", read(files, c));
            // A cyclic scan must not thrash: a and b stay kept, c is read open/read/close.
            assertTrue(a.isKept());
            assertTrue(b.isKept());
            assertFalse(c.isKept());
            assertEquals(2, files.openCount());
        }
    }

    @Test
    void aFileNotReadDuringTheLastTickIsClosedToMakeRoomOldestFirst() throws Exception {
        KeptFiles files = new KeptFiles(dir, 2);
        KeptFiles.Handle a = files.handle(file("a", "1"));
        KeptFiles.Handle b = files.handle(file("b", "2"));
        KeptFiles.Handle c = files.handle(file("c", "3"));
        files.nextTick();
        read(files, a);
        read(files, b);
        files.nextTick();
        read(files, b); // b is in use, a is not any more
        files.nextTick();
        read(files, c);
        assertFalse(a.isKept(), "a was evicted");
        assertTrue(b.isKept());
        assertTrue(c.isKept());
        assertEquals(2, files.openCount());
        assertEquals("1", read(files, a), "an evicted handle still reads");
    }

    @Test
    void releaseAndCloseGiveTheFdsBack() throws Exception {
        KeptFiles files = new KeptFiles(dir, 3);
        KeptFiles.Handle a = files.handle(file("a", "1"));
        KeptFiles.Handle b = files.handle(file("b", "2"));
        read(files, a);
        read(files, b);
        files.release(a);
        assertEquals(1, files.openCount());
        files.close();
        assertEquals(0, files.openCount());
        assertFalse(b.isKept());
    }

    @Test
    void handlesShareTheirDirectoryBytesAndTakeOnlyPlainFileNames() throws Exception {
        KeptFiles files = new KeptFiles(dir, 4);
        Path g = Files.createDirectory(dir.resolve("web"));
        Files.writeString(g.resolve("pids.current"), "3\n");
        byte[] web = files.pathBytes(g);
        KeptFiles.Handle h = files.handle(web, "/pids.current".getBytes(StandardCharsets.UTF_8));
        assertEquals("3\n", read(files, h));
        assertEquals(g.resolve("pids.current"), h.path());
        for (String bad : List.of("pids.current", "/", "/.", "/..", "/a/b", "/a\0")) {
            assertThrows(IllegalArgumentException.class, () -> files.handle(web, bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void aHandleRemembersALengthAndAFingerprintNotTheBytes() throws Exception {
        KeptFiles files = new KeptFiles(dir, 4);
        KeptFiles.Handle h = files.handle(file("cpuacct.usage", "1000\n"));
        assertEquals(KeptFiles.NEVER_READ, h.lastLength());
        int n = files.read(h, buf);
        h.remember(n, KeptFiles.print(KeptFiles.PRINT_SEED, buf, n));
        assertEquals(5, h.lastLength());
        long before = h.lastPrint();
        Files.writeString(h.path(), "1001\n"); // same length, one byte differs
        n = files.read(h, buf);
        assertNotEquals(before, KeptFiles.print(KeptFiles.PRINT_SEED, buf, n));
        Files.writeString(h.path(), "1000\n");
        n = files.read(h, buf);
        assertEquals(before, KeptFiles.print(KeptFiles.PRINT_SEED, buf, n), "the same bytes: the same print");
        assertNotEquals(KeptFiles.print(KeptFiles.PRINT_SEED, buf, 0), KeptFiles.print(KeptFiles.PRINT_SEED, buf, -1),
                "empty is not absent");
    }

    @Test
    void pathsOutsideTheRootAreRefused() {
        KeptFiles files = new KeptFiles(dir.resolve("sys"), 3);
        KernelException e = assertThrows(KernelException.class, () -> files.handle(dir.resolve("sys/../etc/passwd")));
        assertEquals(Errno.EPERM, e.errno());
    }
}
