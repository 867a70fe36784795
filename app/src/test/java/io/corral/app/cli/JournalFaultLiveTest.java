package io.corral.app.cli;

import io.corral.model.command.Journal;
import io.corral.model.command.ProcTasks;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal faults through the CLI on the live kernel: a read-only and a full journal
 * directory (tiny tmpfs mounts this test makes under /tmp and unmounts) do not stop the
 * command, which is applied and reported; {@code kill -9} of CLI processes in the middle
 * of commands leaves a journal that still reads, and later commands append to it.
 */
@ExtendWith(LiveCgroups.class)
class JournalFaultLiveTest {
    @TempDir
    Path tmp;
    private final List<Path> mounts = new ArrayList<>();
    private String name;
    private Path pidsGroup;

    @BeforeEach
    void group(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(LiveCgroups.CGROUP_ROOT.resolve("pids"));
        name = LiveCgroups.newName();
        pidsGroup = lc.mkdir(LiveCgroups.CGROUP_ROOT.resolve("pids"), name);
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            run("umount", m.toString());
            Files.deleteIfExists(m);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private Path tmpfs(String options) throws Exception {
        Path m = Files.createTempDirectory(Path.of("/tmp"), LiveCgroups.PREFIX + "journal-");
        assertEquals(0, run("mount", "-t", "tmpfs", "-o", options, "tmpfs", m.toString()), "mount tmpfs");
        mounts.add(m);
        return m;
    }

    private String[] cli(Path journal, String... args) {
        CliHost host = new CliHost(CgroupFs.live(), new ProcTasks(ProcFs.live()), Optional.of(new Journal(journal)));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CorralCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), host);
        return new String[] {Integer.toString(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aReadOnlyJournalDirectoryDoesNotStopTheCommand() throws Exception {
        Path ro = tmpfs("ro,size=16k");
        String[] r = cli(ro.resolve("corral/journal.jsonl"), "set", "pids:/" + name, "pids.max=77");
        assertEquals("0", r[0], r[2]);
        assertEquals("77", Files.readString(pidsGroup.resolve("pids.max")).trim(), "the change was applied");
        assertTrue(r[2].contains("not recorded in the journal") && r[2].contains("Read-only file system"), r[2]);
    }

    @Test
    void aFullJournalDirectoryDoesNotStopTheCommand() throws Exception {
        Path full = tmpfs("size=16k");
        try (OutputStream fill = Files.newOutputStream(full.resolve("filler"))) {
            byte[] block = new byte[1024];
            for (int i = 0; i < 1024; i++) {
                fill.write(block);
                fill.flush();
            }
        } catch (IOException expected) {
            // No space left on device: the directory is full now.
        }
        Path journal = full.resolve("journal.jsonl");
        String[] r = cli(journal, "set", "pids:/" + name, "pids.max=78");
        assertEquals("0", r[0], r[2]);
        assertEquals("78", Files.readString(pidsGroup.resolve("pids.max")).trim(), "the change was applied");
        assertTrue(r[2].contains("not recorded in the journal") && r[2].contains("No space left on device"), r[2]);
        assertEquals(0, new Journal(journal).read().entries().size());
    }

    @Test
    void killDashNineOfCliProcessesMidCommandLeavesAJournalThatReads(LiveCgroups lc) throws Exception {
        List<String> targets = new ArrayList<>();
        for (String h : List.of("pids", "memory", "cpu", "freezer", "unified")) {
            Path mount = LiveCgroups.CGROUP_ROOT.resolve(h);
            if (Files.exists(mount.resolve("cgroup.procs"))) {
                lc.mkdir(mount, name + "/a");
                lc.mkdir(mount, name + "/b");
            }
        }
        List<String> pids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            pids.add(Long.toString(lc.start("sleep", "300").pid()));
        }
        Path journal = tmp.resolve("journal.jsonl");
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        // Round 0 runs to the end and gives the time a whole run takes; the others are
        // killed at fractions of it, from JVM start-up to the middle of the moves.
        long full = 0;
        int killedMidway = 0;
        for (int round = 0; round <= 8; round++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "io.corral.app.Launcher", "move", "/" + name + (round % 2 == 0 ? "/a" : "/b")));
            cmd.addAll(pids);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("CORRAL_JOURNAL", journal.toString());
            long t0 = System.nanoTime();
            Process child = pb.start();
            lc.own(child);
            if (round == 0) {
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
                full = System.nanoTime() - t0;
                continue;
            }
            TimeUnit.NANOSECONDS.sleep(full * (3 + round) / 12);
            boolean alive = child.isAlive();
            child.destroyForcibly(); // SIGKILL, by pid, our own child
            child.waitFor(10, TimeUnit.SECONDS);
            if (alive) {
                killedMidway++;
            }
        }
        Journal.Contents c = new Journal(journal).read();
        assertTrue(c.entries().stream().anyMatch(e -> e.outcome().equals("applied")), "the run that finished is recorded");
        long interrupted = c.entries().stream().filter(e -> e.outcome().equals(Journal.INTERRUPTED)).count();
        assertTrue(c.unreadableLines() <= 1, "at most a torn last line: " + c.unreadableLines());
        int before = c.entries().size();
        String[] r = cli(journal, "move", "/" + name + "/a", pids.get(0));
        assertEquals("0", r[0], r[2]);
        Journal.Contents after = new Journal(journal).read();
        assertEquals(before + 1, after.entries().size(), "a later command appends a readable entry");
        System.out.println("kill -9: a whole run takes " + full / 1_000_000 + " ms; " + killedMidway + " of 8 CLI runs killed while running; journal kept "
                + before + " entries (" + interrupted + " interrupted), " + c.unreadableLines() + " torn");
        assertTrue(interrupted >= 1, "a run killed mid-command is recorded as interrupted");
        assertTrue(after.entries().get(after.entries().size() - 1).raw().toString().contains(pids.get(0)));
        assertTrue(killedMidway > 0, "at least one run was killed while it ran");
    }
}
