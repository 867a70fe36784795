package io.corral.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's bad-input row for the checkpoint catalog: a catalog reached through a symbolic
 * link, or on a kernel interface file system, is refused before anything is written.
 */
class CatalogRootTest {
    @TempDir
    Path dir;

    @Test
    void anOrdinaryDirectoryIsFine() {
        assertEquals(Optional.empty(), new Catalog(dir.resolve("corral/checkpoints")).rootProblem());
    }

    @Test
    void aSymlinkedCatalogIsRefusedAndNothingIsWrittenWhereItPoints() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createDirectories(dir.resolve("corral"));
        Path link = Files.createSymbolicLink(dir.resolve("corral/checkpoints"), elsewhere);
        Catalog c = new Catalog(link);
        CheckpointException e = assertThrows(CheckpointException.class, () -> c.stage(Catalog.newId()));
        assertTrue(e.getMessage().contains("reached through the symbolic link " + link), e.getMessage());
        try (var s = Files.list(elsewhere)) {
            assertEquals(0, s.count(), "nothing written through the link");
        }
        assertTrue(c.rootProblem().isPresent());
    }

    @Test
    void aSymlinkedCorralDirectoryIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("corral"), elsewhere);
        assertTrue(new Catalog(link.resolve("checkpoints")).rootProblem().orElse("")
                .contains("reached through the symbolic link " + link));
    }

    @Test
    void aSymlinkHigherUpIsRefusedUnlessRootOwnsIt() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("home"), elsewhere);
        Path catalog = link.resolve("alice/.local/share/corral/checkpoints");
        boolean root = "root".equals(System.getProperty("user.name"));
        // A system link (root's) on the way is trusted: /home -> /usr/home exists on real systems.
        assertEquals(!root, new Catalog(catalog).rootProblem().isPresent());
        if (root) {
            Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
            assertTrue(new Catalog(catalog).rootProblem().orElse("").contains("(owned by uid 1000)"));
        }
    }

    @Test
    void aCatalogOnProcOrCgroupfsIsRefusedAndNothingIsCreated() {
        Path inProc = Path.of("/proc/corral-test-catalog");
        assertTrue(new Catalog(inProc).rootProblem().orElse("").contains("on a proc file system"));
        assertThrows(CheckpointException.class, () -> new Catalog(inProc).stage(Catalog.newId()));
        Path inSys = Path.of("/sys/corral-test-catalog");
        if (Files.isDirectory(Path.of("/sys/kernel"))) {
            assertTrue(new Catalog(inSys).rootProblem().orElse("").contains("on a sysfs file system"));
            assertThrows(CheckpointException.class, () -> new Catalog(inSys).stage(Catalog.newId()));
            assertFalse(Files.exists(inSys));
        }
    }
}
