package io.corral.app.cli;

import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.CriuStatus;
import io.corral.model.proc.ProcFs;
import io.corral.model.checkpoint.Workload;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of a corral process in the middle of a checkpoint: at the next start
 * nothing half-written is listed, and the group it left frozen is found and thawed.
 */
@ExtendWith(LiveCgroups.class)
class CheckpointKilledConsoleTest {
    static final Path FREEZER = LiveCgroups.CGROUP_ROOT.resolve("freezer");

    @TempDir
    Path tmp;

    private CriuStatus status;
    private Path catalog;

    private void requireCriu() throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(FREEZER);
        catalog = tmp.resolve("catalog");
        status = CheckpointService.live(CheckpointService.Config.fromEnvironment(Map.of())
                .withCatalogRoot(catalog)).criuStatus();
        if (!status.available()) {
            System.out.println("SKIPPED CRIU test: " + status.reason());
        }
        Assumptions.assumeTrue(status.available());
    }

    /**
     * A CRIU wrapper for group dumps only (so the child's self-test still passes) that
     * touches {@code mark} at the chosen moment and then hangs there.
     */
    private Path wrapper(boolean afterCriuFinished, Path mark) throws Exception {
        Path hang = tmp.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\nif [ \"$CRTOOLS_SCRIPT_ACTION\" = post-dump ]; then touch " + mark
                + "; sleep 120; fi\nexit 0\n");
        StringBuilder real = new StringBuilder();
        for (String a : status.command().orElseThrow().prefix()) {
            real.append('\'').append(a).append("' ");
        }
        String dump = afterCriuFinished
                ? real + "\"$@\"; rc=$?; touch " + mark + "; sleep 120; exit $rc"
                : "exec " + real + "--action-script " + hang + " \"$@\"";
        Path w = tmp.resolve("criu");
        Files.writeString(w, "#!/bin/sh\ncase \"$*\" in *--freeze-cgroup*) " + dump + ";; esac\nexec " + real + "\"$@\"\n");
        for (Path p : List.of(hang, w)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
        return w;
    }

    /** Starts {@code corral checkpoint} in another JVM and SIGKILLs it (and what it started) at the mark. */
    private void checkpointAndKill(String group, Path wrapper, Path mark) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.corral.app.Launcher",
                "checkpoint", group, "--catalog", catalog.toString());
        pb.environment().put("CORRAL_CRIU", wrapper.toString());
        pb.environment().putAll(status.command().orElseThrow().env());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("cli.log").toFile());
        Process cli = pb.start();
        try {
            for (int i = 0; i < 1500 && !Files.exists(mark); i++) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(mark), "reached the mark: " + Files.readString(tmp.resolve("cli.log")));
        } finally {
            List<ProcessHandle> below = cli.descendants().toList();
            cli.destroyForcibly().waitFor();
            below.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : below) {
                h.onExit().get();
            }
        }
        try (Stream<Path> s = Files.list(catalog)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith(".staging-")), "staging left behind");
        }
        assertEquals("[]", run(catalog, "checkpoints", "--json").strip(), "nothing half-written is listed");
    }

    private static void assertRunsOn(Workload w, Path freezer) throws Exception {
        assertEquals("THAWED", Files.readString(freezer.resolve("freezer.state")).trim());
        for (long pid : Workload.procs(freezer)) {
            assertFalse(ProcFs.live().stat(pid).orElseThrow().state().stopped(), "process " + pid + " stopped");
        }
        assertEquals(4, Workload.procs(freezer).size(), "unshare, init, parent, child");
        long now = w.counter("parent");
        assertTrue(w.counterAbove("parent", now) > now, "the workload runs on");
    }

    @Test
    void killedAfterCriuFinishedLeavesStoppedProcessesThatTheNextStartOffersToResume(LiveCgroups live)
            throws Exception {
        requireCriu();
        Path bin = Workload.compile(Files.createDirectories(tmp.resolve("bin")));
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Workload w = Workload.launch(live, bin, tmp.resolve("w"), 1, true, List.of(freezer));
        Path mark = tmp.resolve("mark");
        checkpointAndKill("freezer:/" + name, wrapper(true, mark), mark);
        // CRIU dumped with --leave-stopped and the entry was never committed: the tree is stopped.
        List<Long> members = Workload.PROC.subtree(w.init).stream().sorted().toList();
        assertEquals(3, members.size(), "init, parent, child");

        String offered = run(catalog, "checkpoint-recover");
        assertEquals(freezer + ": thawed, stopped " + members + " (corral checkpoint-recover --thaw)", offered.strip());
        assertEquals(offered, run(catalog, "checkpoint-recover"), "offered until the user decides");
        assertEquals("thawed " + freezer + " (was thawed, stopped " + members + ")",
                run(catalog, "checkpoint-recover", "--thaw").strip());
        assertRunsOn(w, freezer);
        assertEquals("nothing to recover", run(catalog, "checkpoint-recover").strip());
        try (Stream<Path> s = Files.list(catalog)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".staging-")), "staging cleaned");
        }
    }

    @Test
    void killedWhileCriuHoldsTheTreeLeavesNoEntryAndTheWorkloadRunning(LiveCgroups live) throws Exception {
        requireCriu();
        Path bin = Workload.compile(Files.createDirectories(tmp.resolve("bin")));
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Workload w = Workload.launch(live, bin, tmp.resolve("w"), 1, true, List.of(freezer));
        Path mark = tmp.resolve("mark");
        checkpointAndKill("freezer:/" + name, wrapper(false, mark), mark);
        run(catalog, "checkpoint-recover", "--thaw");
        assertRunsOn(w, freezer);
        try (Stream<Path> s = Files.list(catalog)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".staging-")), "staging cleaned");
        }
    }

    private static String run(Path catalog, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--catalog", catalog.toString())).toArray(String[]::new);
        int rc = CorralCli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, rc);
        return out.toString(StandardCharsets.UTF_8);
    }
}
