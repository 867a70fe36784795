package io.corral.model.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RereadFileTest {
    @TempDir
    Path dir;

    @Test
    void saysChangedOnTheFirstReadingAndWhenTheBytesDiffer() throws Exception {
        Path f = Files.writeString(dir.resolve("hostname"), "alpha\n");
        RereadFile r = new RereadFile(f, new Syscalls());
        assertTrue(r.changed(), "first reading");
        assertEquals("alpha\n", r.text());
        assertFalse(r.changed(), "same bytes");
        Files.writeString(f, "alphb\n");
        assertTrue(r.changed(), "same length, one byte differs");
        assertEquals("alphb\n", r.text());
        Files.writeString(f, "al\n");
        assertTrue(r.changed(), "shorter");
        assertEquals("al\n", r.text());
        assertFalse(r.changed());
        Files.writeString(f, "");
        assertTrue(r.changed(), "empty");
        assertEquals("", r.text());
    }

    @Test
    void readsAFileLargerThanItsFirstBufferWhole() throws Exception {
        String big = "x".repeat(50_000) + "end\n";
        Path f = Files.writeString(dir.resolve("mountinfo"), big);
        RereadFile r = new RereadFile(f, new Syscalls());
        assertTrue(r.changed());
        assertEquals(big, r.text());
        assertFalse(r.changed());
    }

    @Test
    void aMissingFileIsAKernelErrorWithItsPathAndErrno() {
        Path f = dir.resolve("nothing");
        KernelException e = assertThrows(KernelException.class, () -> new RereadFile(f, new Syscalls()).changed());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void theLiveMountTableReadsWholeAndStaysUnchangedBetweenTicks() throws Exception {
        Path mountinfo = Path.of("/proc/self/mountinfo");
        RereadFile r = new RereadFile(mountinfo, new Syscalls());
        assertTrue(r.changed());
        assertEquals(Files.readString(mountinfo), r.text());
        assertFalse(r.changed(), "nothing mounted in between");
    }
}
