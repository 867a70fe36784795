package io.corral.model.command;

import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void everyExecutedCommandIsOneLineWithItsResultAndInverse() throws Exception {
        Journal journal = new Journal(dir.resolve("data/corral/journal.jsonl"));
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir.resolve("host")), Optional.of(journal));
        GroupRef g = f.g("cpu", "/corral-test-a");
        f.engine.run(new Command.CreateGroup(g));
        f.engine.run(new Command.RemoveGroup(f.g("cpu", "/corral-test-missing")));
        List<String> lines = Files.readAllLines(journal.file());
        // Each command: a "started" line before its first write, then its result.
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).contains("\"state\":\"started\""), lines.get(0));
        Journal.Contents c = journal.read();
        assertEquals(0, c.unreadableLines());
        assertEquals("applied", c.entries().get(0).outcome());
        assertEquals(new Command.CreateGroup(g), c.entries().get(0).command());
        assertEquals(List.of(new Command.RemoveGroup(g)), c.entries().get(0).inverse());
        assertEquals("rejected", c.entries().get(1).outcome());
        assertEquals("ENOENT", c.entries().get(1).raw().path("result").path("failures").get(0).path("errno").asText());
    }

    @Test
    void aTornLastLineFromKillDashNineIsSkippedAndCounted() throws Exception {
        Journal journal = new Journal(dir.resolve("journal.jsonl"));
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir.resolve("host")), Optional.of(journal));
        f.engine.run(new Command.CreateGroup(f.g("cpu", "/corral-test-a")));
        List<String> lines = Files.readAllLines(journal.file());
        String last = lines.get(lines.size() - 1);
        // What a kill -9 in the middle of a further append leaves behind.
        Files.writeString(journal.file(), last.substring(0, last.length() / 2), StandardOpenOption.APPEND);
        Journal.Contents c = journal.read();
        assertEquals(1, c.entries().size());
        assertEquals(1, c.unreadableLines());
        // And appending after a torn line still gives readable entries (the torn one stays unreadable).
        f.engine.run(new Command.CreateGroup(f.g("cpu", "/corral-test-b")));
        assertTrue(journal.read().entries().size() >= 1);
    }

    @Test
    void aCommandKilledBeforeItsResultIsReadBackAsInterrupted() throws Exception {
        Journal journal = new Journal(dir.resolve("journal.jsonl"));
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir.resolve("host")), Optional.of(journal));
        f.engine.run(new Command.CreateGroup(f.g("cpu", "/corral-test-a")));
        // kill -9 after the start was recorded, before the result:
        Command killed = new Command.CreateGroup(f.g("cpu", "/corral-test-b"));
        assertTrue(journal.begin(killed).isPresent());
        f.engine.run(new Command.CreateGroup(f.g("cpu", "/corral-test-c")));
        Journal.Contents c = journal.read();
        assertEquals(0, c.unreadableLines());
        assertEquals(List.of("applied", Journal.INTERRUPTED, "applied"), c.entries().stream().map(Journal.Entry::outcome).toList());
        assertEquals(killed, c.entries().get(1).command());
        assertEquals(List.of(), c.entries().get(1).inverse(), "nothing is known about what it did");
    }

    @Test
    void aReadOnlyJournalDirectoryDoesNotStopTheCommandAndIsReported() throws Exception {
        Path ro = dir.resolve("ro");
        Files.createDirectories(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        Journal journal = new Journal(ro.resolve("journal.jsonl"));
        // root ignores directory permissions; a journal path whose parent is a regular file
        // fails for everyone (ENOTDIR), like a read-only or full file system does.
        if ("root".equals(System.getProperty("user.name"))) {
            Path file = dir.resolve("not-a-dir");
            Files.writeString(file, "x");
            journal = new Journal(file.resolve("journal.jsonl"));
        }
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir.resolve("host")), Optional.of(journal));
        GroupRef g = f.g("cpu", "/corral-test-a");
        CommandResult r = f.engine.run(new Command.CreateGroup(g));
        assertInstanceOf(CommandResult.Applied.class, r);
        assertTrue(Files.isDirectory(g.dir(f.fs)), "the command ran");
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("not recorded in the journal"), r.warnings().get(0));
    }

    @Test
    void theDefaultLocationFollowsXdgDataHome() {
        assertEquals(Path.of("/x/data/corral/journal.jsonl"),
                Journal.defaultFile(Map.of("XDG_DATA_HOME", "/x/data"), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/corral/journal.jsonl"), Journal.defaultFile(Map.of(), "/home/u"));
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        assertEquals(Path.of("/home/u/.local/share/corral/journal.jsonl"),
                Journal.defaultFile(Map.of("XDG_DATA_HOME", "rel"), "/home/u"));
    }

    @Test
    void aMissingJournalReadsAsEmpty() throws Exception {
        assertEquals(0, new Journal(dir.resolve("none.jsonl")).read().entries().size());
    }

    @Test
    void garbageLinesAreCountedNotFatal() throws Exception {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, "{\"time\":\"nope\"}\nnot json\n\n", StandardCharsets.UTF_8);
        Journal.Contents c = new Journal(file).read();
        assertEquals(0, c.entries().size());
        assertEquals(2, c.unreadableLines());
    }
}
