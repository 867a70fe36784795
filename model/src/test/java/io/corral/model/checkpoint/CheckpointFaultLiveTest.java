package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcStat;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dumps that fail midway on the live kernel: the workload must run on, thawed, and the
 * catalog must list nothing. Catalog file systems are small tmpfs mounts made (and
 * unmounted) by the test.
 */
@ExtendWith(LiveCgroups.class)
class CheckpointFaultLiveTest {
    static final Path FREEZER = LiveCgroups.CGROUP_ROOT.resolve("freezer");

    @TempDir
    Path tmp;
    CriuStatus status;
    Path bin;
    final List<Path> mounts = new ArrayList<>();

    @BeforeEach
    void requireCriu() throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(FREEZER);
        status = service(tmp.resolve("probe")).criuStatus();
        if (!status.available()) {
            System.out.println("SKIPPED CRIU test: " + status.reason());
        }
        Assumptions.assumeTrue(status.available(), "CRIU self-test: " + status.reason());
        bin = Workload.compile(Files.createDirectories(tmp.resolve("bin")));
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            new ProcessBuilder("umount", "-l", m.toString()).inheritIO().start().waitFor();
        }
    }

    private static CheckpointService service(Path catalog) {
        return CheckpointService.live(CheckpointService.Config.fromEnvironment(Map.of()).withCatalogRoot(catalog));
    }

    private Path tmpfs(String name, String options) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        int rc = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "corral-test", dir.toString())
                .inheritIO().start().waitFor();
        assertEquals(0, rc, "mount tmpfs " + options);
        mounts.add(dir);
        return dir;
    }

    private Workload launch(LiveCgroups live, Path freezer) throws Exception {
        return Workload.launch(live, bin, tmp.resolve("w-" + freezer.getFileName()), 1, true, List.of(freezer));
    }

    /** The workload runs, thawed and not stopped, and keeps counting. */
    private static void assertRunsOn(Workload w, Path freezer) throws Exception {
        assertEquals("THAWED", Files.readString(freezer.resolve("freezer.state")).trim());
        List<Long> procs = Workload.procs(freezer);
        assertEquals(4, procs.size(), "unshare, init, parent and child still in the group");
        for (long p : procs) {
            ProcStat s = Workload.PROC.stat(p).orElseThrow();
            assertFalse(s.state().stopped(), "process " + p + " is stopped: " + s);
        }
        long now = w.counter("parent");
        assertTrue(w.counterAbove("parent", now) > now, "parent keeps counting");
        long child = w.counter("child-0");
        assertTrue(w.counterAbove("child-0", child) > child, "child keeps counting");
    }

    private static void assertNoEntry(Path catalog) throws IOException {
        assertEquals(List.of(), new Catalog(catalog).list());
        try (Stream<Path> s = Files.list(catalog)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(Catalog.STAGING)).toList(), "no staging directory left");
        }
    }

    @Test
    void criuKilledMidDumpLeavesTheWorkloadRunningThawedAndNoEntry(LiveCgroups live) throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Workload w = launch(live, freezer);
        // CRIU runs its action script at post-dump with the tree frozen and seized; this one
        // hangs there, and the 3 s timeout kills CRIU (and the script) in that state.
        Path script = tmp.resolve("hang.sh");
        Files.writeString(script, "#!/bin/sh\n[ \"$CRTOOLS_SCRIPT_ACTION\" = post-dump ] && sleep 120\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        CriuCommand base = status.command().orElseThrow();
        List<String> prefix = new ArrayList<>(base.prefix());
        prefix.addAll(List.of("--action-script", script.toString()));
        CriuCommand hanging = new CriuCommand(prefix, base.env(), "test");
        Path catalogDir = tmp.resolve("catalog");
        CgroupFs fs = CgroupFs.live();
        Checkpointer c = new Checkpointer(fs, Workload.PROC, new PreflightCheck(fs, Workload.PROC,
                new HierarchyDiscovery(fs).discover(), catalogDir), new Catalog(catalogDir), hanging, "test",
                Duration.ofSeconds(3));
        List<Progress.Phase> phases = new ArrayList<>();
        CheckpointException e = assertThrows(CheckpointException.class, () -> c.checkpoint(
                GroupSpec.parse("freezer:/" + name), CheckpointOptions.DEFAULT, (p, t, b) -> phases.add(p)));
        assertTrue(e.getMessage().contains("did not finish in 3 s and was killed"), e.getMessage());
        assertTrue(phases.contains(Progress.Phase.DUMPING));
        assertTrue(e.log().isPresent() && Files.exists(e.log().get()), "the dump log is kept");
        assertRunsOn(w, freezer);
        assertNoEntry(catalogDir);
    }

    /**
     * Checkpoints a fresh workload into a catalog on a tmpfs mounted with {@code options}:
     * refused with {@code expected} in the message, the workload runs on, nothing stored.
     */
    private CheckpointException refusedOnCatalog(LiveCgroups live, String tmpfsName, String options, String expected)
            throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Workload w = launch(live, freezer);
        Path catalog = tmpfs(tmpfsName, options);
        CheckpointException e = assertThrows(CheckpointException.class, () -> service(catalog).checkpoint(
                GroupSpec.parse("freezer:/" + name), CheckpointOptions.DEFAULT, Progress.NONE));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertRunsOn(w, freezer);
        assertNoEntry(catalog);
        return e;
    }

    @Test
    void readOnlyCatalogRefusesBeforeCriuRuns(LiveCgroups live) throws Exception {
        refusedOnCatalog(live, "ro", "ro,size=64m", "Read-only file system");
    }

    @Test
    void catalogTooSmallForTheImagesIsRefusedByThePreflight(LiveCgroups live) throws Exception {
        refusedOnCatalog(live, "small", "size=64k", "KiB free, the images need about");
    }

    @Test
    void catalogFullMidDumpLeavesTheWorkloadRunningAndShowsCriusError(LiveCgroups live) throws Exception {
        // Bytes to spare but only a dozen inodes: CRIU runs out of them while writing images.
        CheckpointException e = refusedOnCatalog(live, "full", "size=64m,nr_inodes=12", "No space left on device");
        assertTrue(e.logExcerpt().orElse("").contains(">> "), "excerpt marks CRIU's error line: " + e.logExcerpt());
        System.out.println("full catalog: " + e.getMessage());
    }

    @Test
    void stagingLeftByAKilledConsoleIsRemovedAndItsFrozenGroupOffered(LiveCgroups live) throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Process sleeper = live.start("sleep", "120");
        live.moveInto(freezer, sleeper.pid());
        Files.writeString(freezer.resolve("freezer.state"), "FROZEN");
        Path catalog = Files.createDirectories(tmp.resolve("catalog"));
        // PID above the kernel's limit: its writer is certainly gone.
        Path staging = Files.createDirectories(catalog.resolve(Catalog.STAGING + "20260101-000000-abcd.4194305"));
        Files.writeString(staging.resolve("freezer"), freezer.toString());
        CheckpointService s = service(catalog);

        List<CheckpointService.FrozenLeftover> left = s.recover();
        assertEquals(1, left.size());
        assertEquals(freezer, left.get(0).freezerDir());
        assertTrue(left.get(0).frozen());
        assertTrue(Files.exists(staging), "kept until the user decides");
        assertEquals(1, s.recover().size(), "offered again while undecided");
        assertTrue(s.thaw(left.get(0)));
        assertFalse(Files.exists(staging));
        assertEquals("THAWED", Files.readString(freezer.resolve("freezer.state")).trim());
        assertEquals(List.of(), s.recover(), "nothing left the second time");
    }
}
