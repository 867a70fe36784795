package io.corral.model.checkpoint;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CriuLogTest {
    static final String FAILED_DUMP = String.join("\n",
            "(00.000100) Version: 4.2.1",
            "(00.000200) Error (criu/util.c:1534): rlimit: Can't setup RLIMIT_NOFILE for self: Operation not permitted",
            "(00.001000) Dumping pstree",
            "(00.002000) Seizing 100",
            "(00.003000) Dumping mm",
            "(00.004000) Opened pagemap-1.img",
            "(00.005000) Error (criu/image.c:635): Unable to open pagemap-1.img: No space left on device",
            "(00.005100) Error (criu/mem.c:718): Can't dump page with parasite",
            "(00.005200) Error (criu/cr-dump.c:1975): Dumping FAILED.",
            "(00.005300) Unfreezing tasks");

    @Test
    void errorLineSkipsTheRlimitNoiseAndFindsTheCause() {
        assertEquals(Optional.of("(00.005000) Error (criu/image.c:635): Unable to open pagemap-1.img: No space left on device"),
                CriuLog.errorLine(FAILED_DUMP));
    }

    @Test
    void excerptMarksTheErrorLineWithFourLinesBeforeAndTwoAfter() {
        assertEquals(String.join("\n",
                "   (00.001000) Dumping pstree",
                "   (00.002000) Seizing 100",
                "   (00.003000) Dumping mm",
                "   (00.004000) Opened pagemap-1.img",
                ">> (00.005000) Error (criu/image.c:635): Unable to open pagemap-1.img: No space left on device",
                "   (00.005100) Error (criu/mem.c:718): Can't dump page with parasite",
                "   (00.005200) Error (criu/cr-dump.c:1975): Dumping FAILED.", ""), CriuLog.excerpt(FAILED_DUMP));
    }

    @Test
    void crashOfCriuItselfCountsAsError() {
        assertEquals(Optional.of("(00.1) mnt: BUG at criu/mount.c:48"),
                CriuLog.errorLine("(00.0) Restoring mounts\n(00.1) mnt: BUG at criu/mount.c:48\n"));
    }

    @Test
    void logWithoutErrorGivesItsLastLines() {
        assertEquals(Optional.empty(), CriuLog.errorLine("a\nb\n"));
        assertEquals("   a\n   b\n", CriuLog.excerpt("a\nb\n"));
    }
}
