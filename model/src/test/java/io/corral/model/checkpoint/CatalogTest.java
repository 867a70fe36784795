package io.corral.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogTest {
    @TempDir
    Path tmp;

    @Test
    void committedEntryIsListedWithItsManifest() throws Exception {
        Catalog c = new Catalog(tmp);
        String id = Entries.make(c);
        List<Catalog.Entry> list = c.list();
        assertEquals(1, list.size());
        assertEquals(id, list.get(0).id());
        assertTrue(list.get(0).readable());
        assertEquals(List.of(4242L, 4243L), List.of(list.get(0).manifest().orElseThrow().tree().get(0).pid(),
                list.get(0).manifest().orElseThrow().tree().get(1).pid()));
        assertTrue(c.verify(id).restorable());
    }

    @Test
    void stagingDirectoryIsNeverListed() throws Exception {
        Catalog c = new Catalog(tmp);
        Catalog.Staging s = c.stage(Catalog.newId());
        Files.write(s.images().resolve("inventory.img"), new byte[] {1});
        assertEquals(List.of(), c.list());
        s.abandon();
        assertFalse(Files.exists(s.dir()));
    }

    @Test
    void commitRefusesAnEntryWithoutInventory() throws Exception {
        Catalog c = new Catalog(tmp);
        Catalog.Staging s = c.stage(Catalog.newId());
        Files.write(s.images().resolve("pages-1.img"), new byte[] {1});
        assertThrows(java.io.IOException.class, () -> s.commit(Entries.manifest(s.id(), List.of(), true)));
        assertEquals(List.of(), c.list());
    }

    @Test
    void oneCorruptedImageByteFlagsTheEntry() throws Exception {
        Catalog c = new Catalog(tmp);
        String id = Entries.make(c);
        try (RandomAccessFile f = new RandomAccessFile(c.dir(id).resolve("images/pages-1.img").toFile(), "rw")) {
            f.seek(5000);
            int b = f.read();
            f.seek(5000);
            f.write(b ^ 1);
        }
        Catalog.Verification v = c.verify(id);
        assertFalse(v.restorable());
        assertEquals(List.of("pages-1.img does not match its SHA-256 (corrupted)"), v.problems());
    }

    @Test
    void missingOrTruncatedImagesFlagTheEntry() throws Exception {
        Catalog c = new Catalog(tmp);
        String id = Entries.make(c);
        Files.delete(c.dir(id).resolve("images/inventory.img"));
        Files.write(c.dir(id).resolve("images/pages-1.img"), new byte[] {1, 2});
        assertEquals(List.of("inventory.img is missing", "pages-1.img has 2 bytes, the manifest says 10000"),
                c.verify(id).problems());
    }

    @Test
    void corruptedManifestFlagsTheEntryInTheList() throws Exception {
        Catalog c = new Catalog(tmp);
        String id = Entries.make(c);
        Files.writeString(c.dir(id).resolve(Manifest.FILE), "{\"id\": ");
        Catalog.Entry e = c.list().get(0);
        assertFalse(e.readable());
        assertTrue(e.problem().orElseThrow().startsWith("manifest unreadable"), e.problem().toString());
        assertFalse(c.verify(id).restorable());
    }

    @Test
    void deleteGoesThroughTheTrashAndLeavesNothing() throws Exception {
        Catalog c = new Catalog(tmp);
        String id = Entries.make(c);
        c.delete(id);
        assertEquals(List.of(), c.list());
        try (Stream<Path> s = Files.list(tmp.resolve(".trash"))) {
            assertEquals(0, s.count());
        }
        assertThrows(CheckpointException.class, () -> c.get(id));
    }

    @Test
    void idsThatCouldEscapeTheCatalogAreRefused() {
        Catalog c = new Catalog(tmp);
        for (String bad : List.of("..", "../x", "/etc", "20260101-000000-abcd/..", "")) {
            assertThrows(CheckpointException.class, () -> c.dir(bad), bad);
        }
    }

    @Test
    void leftoversAreStagingOfDeadWritersOnlyWithTheirFreezer() throws Exception {
        Catalog c = new Catalog(tmp);
        Path dead = Files.createDirectories(tmp.resolve(Catalog.STAGING + "20260101-000000-abcd.4194305"));
        Files.writeString(dead.resolve("freezer"), "/sys/fs/cgroup/freezer/corral-test-x");
        Catalog.Staging mine = c.stage(Catalog.newId());
        List<Catalog.Leftover> left = c.leftovers();
        assertEquals(List.of(new Catalog.Leftover(dead.getFileName().toString(),
                Optional.of(Path.of("/sys/fs/cgroup/freezer/corral-test-x")))), left);
        assertEquals(List.of(), c.list(), "a leftover is never listed as an entry");
        c.removeLeftover(left.get(0));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(mine.dir()), "a staging directory of this very process is not touched");
    }

    @Test
    void defaultRootFollowsXdgDataHome() {
        assertEquals(Path.of("/x/corral/checkpoints"), Catalog.defaultRoot(Map.of("XDG_DATA_HOME", "/x")));
        assertEquals(Path.of(System.getProperty("user.home"), ".local/share/corral/checkpoints"),
                Catalog.defaultRoot(Map.of()));
    }

    @Test
    void manifestRoundTripsThroughJson() throws Exception {
        Manifest m = Entries.manifest("20260101-000000-abcd", List.of(new Manifest.FileRecord("inventory.img", 4, "ab")),
                false);
        assertEquals(m, Manifest.fromJson(m.toJson()));
        assertEquals(List.of(4242L, 4243L), m.neededHostPids());
        assertEquals(List.of(), Entries.manifest("x", List.of(), true).neededHostPids());
    }
}
