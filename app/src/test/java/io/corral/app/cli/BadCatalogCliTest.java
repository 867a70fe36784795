package io.corral.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog row of the bad-input table through the CLI: a symlinked catalog or one on procfs is refused. */
class BadCatalogCliTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CorralCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void importIntoASymlinkedCatalogIsRefusedAndWritesNothing() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("checkpoints"), elsewhere);
        Path archive = Files.writeString(dir.resolve("cp.tar"), "not an archive");
        String[] r = run("checkpoint-import", archive.toString(), "--catalog", link.toString());
        assertNotEquals("0", r[0]);
        assertTrue(r[2].contains("reached through the symbolic link " + link), r[2]);
        try (var s = Files.list(elsewhere)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void importIntoACatalogOnProcIsRefused() throws Exception {
        Path archive = Files.writeString(dir.resolve("cp.tar"), "not an archive");
        String[] r = run("checkpoint-import", archive.toString(), "--catalog", "/proc/corral-test-catalog");
        assertNotEquals("0", r[0]);
        assertTrue(r[2].contains("on a proc file system"), r[2]);
        assertFalse(Files.exists(Path.of("/proc/corral-test-catalog")));
    }
}
