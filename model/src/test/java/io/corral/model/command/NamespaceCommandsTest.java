package io.corral.model.command;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.Launcher;
import io.corral.model.launch.LogDirectory;
import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.IdMapWriter;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.FakeTasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launch and WriteIdMap as engine commands: run, journaled, refused with the reason, never undone. */
class NamespaceCommandsTest {
    @TempDir
    Path dir;

    private CommandEngine engine(Optional<Journal> journal) {
        return new CommandEngine(new CgroupFs(dir.resolve("host")), new FakeTasks(), journal,
                CommandEngine.Mode.CALLER_THREAD);
    }

    @Test
    void launchAndMapCommandsReadBackAsTheSameCommand() throws Exception {
        LaunchSpec spec = new LaunchSpec(List.of("sleep", "5"), Optional.of(Path.of("/tmp")), Map.of("A", "b c"),
                Set.of(NamespaceType.PID, NamespaceType.MNT),
                new UserMapping.Explicit(IdMap.parse("0 1000 1"), IdMap.parse("0 1000 1")),
                List.of(Path.of("/sys/fs/cgroup/corral-test-x")));
        List<Command> all = List.of(new Command.Launch(spec),
                new Command.Launch(LaunchSpec.of(List.of("true"), Set.of(NamespaceType.USER), List.of())),
                new Command.WriteIdMap(42, IdMapKind.GID, IdMap.parse("0 100000 65536")));
        for (Command c : all) {
            assertEquals(c, CommandJson.fromJson(CommandJson.toJson(c)), c.describe());
        }
    }

    @Test
    void anEngineWithoutALauncherRefusesToLaunchWithTheReason() {
        CommandResult r = engine(Optional.empty()).run(new Command.Launch(LaunchSpec.of(List.of("true"), Set.of(),
                List.of())));
        CommandResult.Rejected j = assertInstanceOf(CommandResult.Rejected.class, r);
        assertEquals(Errno.EOPNOTSUPP, j.failure().errno());
        assertTrue(j.failure().message().contains("cannot launch"), j.failure().message());
    }

    @Test
    void aWrittenMapIsRefusedAsWriteOnceAndNothingIsWritten() throws Exception {
        Path proc = dir.resolve("host/proc/4242");
        Files.createDirectories(proc);
        Files.writeString(proc.resolve("uid_map"), "         0       1000          1\n");
        Journal journal = new Journal(dir.resolve("journal.jsonl"));
        CommandEngine e = engine(Optional.of(journal));
        e.enableNamespaces(null, new IdMapWriter(new ProcFs(dir.resolve("host")), true));

        CommandResult r = e.run(new Command.WriteIdMap(4242, IdMapKind.UID, IdMap.parse("0 2000 1")));

        CommandResult.Rejected j = assertInstanceOf(CommandResult.Rejected.class, r);
        assertTrue(j.failure().message().contains("only once"), j.failure().message());
        assertEquals("         0       1000          1\n", Files.readString(proc.resolve("uid_map")));
        Journal.Entry entry = journal.read().entries().get(0);
        assertEquals("rejected", entry.outcome());
        assertEquals(r.command(), entry.command());
    }

    @Test
    void anEmptyMapIsWrittenOnceWithNoInverse() throws Exception {
        Path proc = dir.resolve("host/proc/4243");
        Files.createDirectories(proc);
        Files.writeString(proc.resolve("gid_map"), "");
        Files.writeString(proc.resolve("setgroups"), ""); // procfs files are written in place at offset 0
        CommandEngine e = engine(Optional.empty());
        e.enableNamespaces(null, new IdMapWriter(new ProcFs(dir.resolve("host")), false));

        CommandResult r = e.run(new Command.WriteIdMap(4243, IdMapKind.GID, IdMap.parse("0 1000 1")));

        assertInstanceOf(CommandResult.Applied.class, r);
        assertTrue(r.inverse().isEmpty(), "maps are write-once: no undo");
        assertEquals("deny", Files.readString(proc.resolve("setgroups")).strip(), "unprivileged: setgroups denied first");
        assertEquals(IdMap.parse("0 1000 1"), IdMap.parse(Files.readString(proc.resolve("gid_map"))));
    }

    @Test
    void aLaunchReportsItsPidLogFileAndUnshareLineAndIsJournaled() throws Exception {
        Journal journal = new Journal(dir.resolve("journal.jsonl"));
        CommandEngine e = engine(Optional.of(journal));
        LogDirectory logs = new LogDirectory(dir.resolve("logs"));
        e.enableNamespaces(new Launcher(new CgroupFs(dir.resolve("host")), ProcFs.live(),
                new IdMapWriter(ProcFs.live(), false), logs), null);

        CommandResult r = e.run(new Command.Launch(LaunchSpec.of(List.of("echo", "launched-by-engine"), Set.of(),
                List.of())));

        CommandResult.Applied a = assertInstanceOf(CommandResult.Applied.class, r, () -> r.toString());
        String steps = a.steps().toString();
        assertTrue(steps.matches("(?s).*started process \\d+ \\(output in .*logs.*"), steps);
        assertTrue(steps.contains("unshare"), steps);
        assertTrue(a.inverse().isEmpty());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String log = "";
        while (System.nanoTime() < deadline && !log.contains("launched-by-engine")) {
            try (var files = Files.list(logs.dir())) {
                Path f = files.findFirst().orElseThrow();
                log = Files.readString(f);
            }
            Thread.sleep(20);
        }
        assertTrue(log.contains("launched-by-engine"), log);
        assertEquals("applied", journal.read().entries().get(0).outcome());
    }
}
