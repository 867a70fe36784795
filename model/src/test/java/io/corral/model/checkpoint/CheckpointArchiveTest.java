package io.corral.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void exportThenImportIntoAnotherCatalogGivesTheSameVerifiedEntry() throws Exception {
        Catalog a = new Catalog(tmp.resolve("a"));
        String id = Entries.make(a);
        Path tar = tmp.resolve("cp.tar");
        new CheckpointArchive(a).export(id, tar);
        Catalog b = new Catalog(tmp.resolve("b"));
        assertEquals(id, new CheckpointArchive(b).importArchive(tar));
        assertTrue(b.verify(id).restorable());
        assertEquals(a.get(id).manifest(), b.get(id).manifest());
        assertThrows(CheckpointException.class, () -> new CheckpointArchive(b).importArchive(tar),
                "a second import of the same id is refused");
    }

    @Test
    void exportIsReadableByGnuTar() throws Exception {
        Catalog a = new Catalog(tmp.resolve("a"));
        String id = Entries.make(a);
        Path tar = tmp.resolve("cp.tar");
        new CheckpointArchive(a).export(id, tar);
        Process p = new ProcessBuilder("tar", "-tf", tar.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), listing);
        assertEquals(List.of(id + "/", id + "/manifest.json", id + "/images/", id + "/images/dump.log",
                id + "/images/inventory.img", id + "/images/pages-1.img"), listing.lines().toList());
    }

    @Test
    void importRejectsUnsafeMembers() throws Exception {
        String id = "20260101-000000-abcd";
        Object[][] cases = {
                {"/" + id + "/manifest.json", '0', "absolute name"},
                {id + "/../evil", '0', "\"..\""},
                {id + "/images/link", '2', "symbolic link"},
                {id + "/images/hard", '1', "hard link"},
                {id + "/images/dev", '3', "character device"},
                {id + "/images/blk", '4', "block device"},
                {"other/manifest.json", '0', "not inside a checkpoint directory"},
                {id + "/elsewhere/x", '0', "not part of a checkpoint"},
        };
        for (Object[] c : cases) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Ustar.writeHeader(out, (String) c[0], (char) c[1], 0, 0);
            Ustar.finish(out);
            Path tar = tmp.resolve("bad.tar");
            Files.write(tar, out.toByteArray());
            Catalog cat = new Catalog(tmp.resolve("cat"));
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> new CheckpointArchive(cat).importArchive(tar), (String) c[0]);
            assertTrue(e.getMessage().contains((String) c[2]), e.getMessage());
            assertEquals(List.of(), cat.list());
        }
    }

    @Test
    void importRejectsAFileThatDoesNotMatchItsHash() throws Exception {
        Catalog a = new Catalog(tmp.resolve("a"));
        String id = Entries.make(a);
        Files.write(a.dir(id).resolve("images/pages-1.img"), new byte[10000]);
        Path tar = tmp.resolve("cp.tar");
        new CheckpointArchive(a).export(id, tar);
        Catalog b = new Catalog(tmp.resolve("b"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointArchive(b).importArchive(tar));
        assertTrue(e.getMessage().contains("pages-1.img does not match"), e.getMessage());
        assertEquals(List.of(), b.list());
    }

    @Test
    void importRejectsFilesTheManifestDoesNotList() throws Exception {
        Catalog a = new Catalog(tmp.resolve("a"));
        String id = Entries.make(a);
        Files.write(a.dir(id).resolve("images/extra.img"), new byte[] {9});
        Path tar = tmp.resolve("cp.tar");
        new CheckpointArchive(a).export(id, tar);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> new CheckpointArchive(new Catalog(tmp.resolve("b"))).importArchive(tar));
        assertTrue(e.getMessage().contains("extra.img"), e.getMessage());
    }

    @Test
    void damagedHeaderIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ustar.writeHeader(out, "20260101-000000-abcd/", '5', 0, 0);
        byte[] b = out.toByteArray();
        b[3] ^= 1;
        Path tar = tmp.resolve("bad.tar");
        try (OutputStream o = Files.newOutputStream(tar)) {
            o.write(b);
            o.write(new byte[1024]);
        }
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> new CheckpointArchive(new Catalog(tmp.resolve("c"))).importArchive(tar));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
