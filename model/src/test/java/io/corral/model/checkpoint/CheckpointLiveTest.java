package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoint and restore of a real multi-process workload on the live kernel (root, v1
 * freezer and cpu hierarchies, and a CRIU whose self-test passes; skipped with the reason
 * otherwise).
 */
@ExtendWith(LiveCgroups.class)
class CheckpointLiveTest {
    static final Path FREEZER = LiveCgroups.CGROUP_ROOT.resolve("freezer");
    static final Path CPU = LiveCgroups.CGROUP_ROOT.resolve("cpu");

    @TempDir
    Path tmp;
    CheckpointService service;
    Path bin;

    @BeforeEach
    void requireCriu() throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(FREEZER);
        LiveCgroups.assumeHierarchy(CPU);
        service = CheckpointService.live(CheckpointService.Config.fromEnvironment(Map.of())
                .withCatalogRoot(tmp.resolve("catalog")));
        CriuStatus s = service.criuStatus();
        if (!s.available()) {
            System.out.println("SKIPPED CRIU test: " + s.reason());
        }
        Assumptions.assumeTrue(s.available(), "CRIU self-test: " + s.reason());
        bin = Workload.compile(Files.createDirectories(tmp.resolve("bin")));
    }

    @Test
    void stoppedCheckpointEmptiesTheGroupAndRestoreContinuesInRecreatedGroupsWithLimits(LiveCgroups live)
            throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Path cpu = live.mkdir(CPU, name);
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "50000");
        Files.writeString(cpu.resolve("cpu.shares"), "512");
        Workload w = Workload.launch(live, bin, tmp.resolve("w"), 2, true, List.of(freezer, cpu));

        Preflight pf = service.preflight(GroupSpec.parse("/" + name));
        assertEquals(List.of(), pf.reasons(CheckpointOptions.DEFAULT));
        assertEquals(Optional.of(w.init), pf.root());
        assertEquals(4, pf.tree().size(), "init shell, parent, two children");
        assertTrue(pf.pidNamespace());
        assertTrue(pf.holder().isPresent(), "the launcher's unshare waits in the group and is not dumped");

        List<Progress.Phase> phases = new java.util.ArrayList<>();
        List<Long> bytes = new java.util.ArrayList<>();
        Checkpointer.Result r = service.checkpoint(GroupSpec.parse("/" + name), CheckpointOptions.DEFAULT,
                (phase, elapsed, b) -> {
                    if (phases.isEmpty() || phases.get(phases.size() - 1) != phase) {
                        phases.add(phase);
                    }
                    bytes.add(b);
                });
        assertEquals(List.of(Progress.Phase.PREFLIGHT, Progress.Phase.HASHING, Progress.Phase.COMMITTING,
                Progress.Phase.STOPPING, Progress.Phase.DONE),
                phases.stream().filter(p -> p != Progress.Phase.DUMPING).toList());
        assertEquals(r.manifest().imageBytes(), bytes.get(bytes.size() - 1), "DONE reports the bytes written");
        assertEquals(List.of(), Workload.procs(freezer), "freezer group empty after the checkpoint");
        assertEquals(List.of(), Workload.procs(cpu), "cpu group empty after the checkpoint");
        long parentAtDump = w.counter("parent");
        long childAtDump = w.counter("child-0");
        Thread.sleep(200);
        assertEquals(parentAtDump, w.counter("parent"), "nothing runs after the checkpoint");
        assertTrue(service.catalog().verify(r.id()).restorable());
        assertEquals(4, r.manifest().tree().size());
        Map<String, String> cpuLimits = r.manifest().hierarchies().stream().filter(h -> h.id().equals("cpu"))
                .findFirst().orElseThrow().limits();
        assertEquals("50000", cpuLimits.get("cpu.cfs_quota_us"));
        assertTrue(r.manifest().hierarchies().stream().filter(h -> h.id().equals("cpu")).findFirst().orElseThrow()
                .settings().contains("cpu.quota=0.5"), "the read side's vocabulary is recorded too");
        List<Manifest.FileRecord> filesBefore = r.manifest().files();
        filesBefore.stream().filter(f -> f.size() > 20000).forEach(f -> System.out.println("CRIU image " + f.name() + " " + f.size()));

        // The groups are gone: the restore recreates them with the recorded limits.
        Files.delete(freezer);
        Files.delete(cpu);
        Restorer.Result rr = service.restore(r.id(), Optional.empty(), Progress.NONE);
        assertEquals(List.of(), rr.notes().stream().filter(n -> !n.startsWith("created")).toList());
        assertEquals(4, rr.pids().size(), "same tree: init, a parent and two children");
        assertEquals(r.manifest().tree().stream().map(Manifest.TaskRecord::comm).toList(),
                Workload.comms(rr.pids()));
        assertEquals(rr.pids().stream().sorted().toList(), Workload.procs(freezer).stream().sorted().toList());
        assertEquals("50000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim());
        assertEquals("512", Files.readString(cpu.resolve("cpu.shares")).trim());
        long parentAfter = w.counterAbove("parent", parentAtDump);
        // A restart would count from 1 again; a continued tree goes on above the dumped value.
        assertTrue(parentAfter > parentAtDump && parentAfter < parentAtDump + 1000,
                "parent counter continues from " + parentAtDump + ": " + parentAfter);
        assertTrue(w.counterAbove("child-0", childAtDump) > childAtDump, "child counter continues");
        assertTrue(w.ask() > parentAtDump, "the listening socket answers with the continued counter");
        assertTrue(service.catalog().verify(r.id()).restorable(), "restore leaves the entry intact");
        assertEquals(filesBefore, service.catalog().get(r.id()).manifest().orElseThrow().files());
        try (var s = Files.list(service.catalog().dir(r.id()).resolve(Catalog.IMAGES))) {
            assertEquals(filesBefore.size(), s.count(), "restore added no file to the entry");
        }
        System.out.printf("CRIU numbers: checkpoint %d ms (dump %d ms), %d bytes in %d files; restore %d ms%n",
                r.manifest().durations().totalMillis(), r.manifest().durations().dumpMillis(),
                r.manifest().imageBytes(), r.manifest().files().size(), rr.restoreMillis());
    }

    @Test
    void leaveRunningKeepsTheWorkloadAndRestoresIntoANewGroup(LiveCgroups live) throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Path cpu = live.mkdir(CPU, name);
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "70000");
        Workload w = Workload.launch(live, bin, tmp.resolve("w"), 2, true, List.of(freezer, cpu));

        Checkpointer.Result r = service.checkpoint(GroupSpec.parse("/" + name),
                CheckpointOptions.DEFAULT.withLeaveRunning(true), Progress.NONE);
        assertEquals(5, Workload.procs(freezer).size(), "still running in its group (with its unshare)");
        long atDump = w.counter("parent");
        assertTrue(w.counterAbove("parent", atDump) > atDump, "keeps counting");
        assertEquals("THAWED", Files.readString(freezer.resolve("freezer.state")).trim());

        // Stop the original (we started it) so the port and files are free, then restore elsewhere.
        ProcessHandle.of(w.init).ifPresent(ProcessHandle::destroyForcibly);
        for (int i = 0; i < 100 && !Workload.procs(freezer).isEmpty(); i++) {
            Thread.sleep(20);
        }
        String other = LiveCgroups.newName();
        live.track(FREEZER.resolve(other));
        live.track(CPU.resolve(other));
        Restorer.Result rr = service.restore(r.id(), Optional.of(GroupPath.ofKernel("/" + other)), Progress.NONE);
        assertEquals(4, rr.pids().size());
        assertEquals(rr.pids().stream().sorted().toList(),
                Workload.procs(FREEZER.resolve(other)).stream().sorted().toList());
        assertEquals(4, Workload.procs(CPU.resolve(other)).size());
        assertEquals("70000", Files.readString(CPU.resolve(other).resolve("cpu.cfs_quota_us")).trim());
        long now = w.counter("parent");
        assertTrue(w.counterAbove("parent", now) > now, "restored workload counts on");
        assertTrue(w.ask() > 0);
    }

    @Test
    void restoreOntoATakenPidNamesThePidAndLeavesTheCatalogIntact(LiveCgroups live) throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        // In our own pid namespace: the restore needs the very same PIDs.
        Workload w = Workload.launch(live, bin, tmp.resolve("w"), 1, false, List.of(freezer));
        Checkpointer.Result r = service.checkpoint(GroupSpec.parse("freezer:/" + name),
                CheckpointOptions.DEFAULT.withLeaveRunning(true), Progress.NONE);
        assertFalse(r.manifest().pidNamespace());

        CheckpointException e = org.junit.jupiter.api.Assertions.assertThrows(CheckpointException.class,
                () -> service.restore(r.id(), Optional.empty(), Progress.NONE));
        assertTrue(e.getMessage().contains("PID " + w.init + " (needed by workload) is taken by workload"), e.getMessage());
        assertTrue(service.catalog().verify(r.id()).restorable());
        assertEquals(2, Workload.procs(freezer).size(), "the running workload was not touched");
    }

    @Test
    void cgroup2GroupIsFrozenThroughCgroupFreezeAndRestoredIntoIt(LiveCgroups live) throws Exception {
        Path unified = LiveCgroups.CGROUP_ROOT.resolve("unified");
        LiveCgroups.assumeHierarchy(unified);
        String name = LiveCgroups.newName();
        Path group = live.mkdir(unified, name);
        Workload w = Workload.launch(live, bin, tmp.resolve("w"), 1, true, List.of(group));
        Preflight pf = service.preflight(GroupSpec.parse("unified:/" + name));
        assertTrue(pf.freezer().orElseThrow().hierarchy().isV2());
        long t0 = System.nanoTime();
        Checkpointer.Result r = service.checkpoint(GroupSpec.parse("unified:/" + name), CheckpointOptions.DEFAULT,
                Progress.NONE);
        assertEquals(List.of(), Workload.procs(group));
        long atDump = w.counter("parent");
        Restorer.Result rr = service.restore(r.id(), Optional.empty(), Progress.NONE);
        assertEquals(rr.pids().stream().sorted().toList(), Workload.procs(group).stream().sorted().toList());
        assertEquals("0", Files.readString(group.resolve("cgroup.freeze")).trim());
        System.out.printf("cgroup2 CRIU numbers: checkpoint %s, restore %d ms, wall %d ms%n", r.manifest().durations(), rr.restoreMillis(), (System.nanoTime() - t0) / 1_000_000);
        assertTrue(w.counterAbove("parent", atDump) > atDump);
    }

    @Test
    void shortLivedChildrenOfAForkingShellDoNotUpsetThePreflightOrTheDump(LiveCgroups live) throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Path count = tmp.resolve("count");
        // A short-lived child (sleep) every 10 ms, the counter written to disk every 25th
        // round only: a child blocked in the ext4 journal (D state) while CI wrote heavily
        // kept the v1 freezer FREEZING past CRIU's 10 s budget once, with a write every round.
        // (tmpfs is no way out: the restored mount namespace gets a tmpfs of its own.)
        long init = Workload.launchInPidNamespace(live, tmp.resolve("logs"), List.of("sh", "-c",
                "i=0; while :; do i=$((i+1)); if [ $((i % 25)) -eq 0 ]; then echo $i > " + count + ".new; mv "
                        + count + ".new " + count + "; fi; sleep 0.01; done"), List.of(freezer));
        for (int i = 0; i < 100 && !Files.exists(count); i++) {
            Thread.sleep(20);
        }
        for (int i = 0; i < 20; i++) {
            Preflight pf = service.preflight(GroupSpec.parse("freezer:/" + name));
            assertEquals(List.of(), pf.reasons(CheckpointOptions.DEFAULT), "attempt " + i);
            assertEquals(Optional.of(init), pf.root());
        }
        Checkpointer.Result r = service.checkpoint(GroupSpec.parse("freezer:/" + name), CheckpointOptions.DEFAULT,
                Progress.NONE);
        long atDump = Long.parseLong(Files.readString(count).trim());
        service.restore(r.id(), Optional.empty(), Progress.NONE);
        long after = atDump;
        for (int i = 0; i < 250 && after <= atDump; i++) {
            Thread.sleep(20);
            String text = Files.readString(count).trim();
            after = text.isEmpty() ? atDump : Long.parseLong(text);
        }
        assertTrue(after > atDump && after < atDump + 1000, "the loop counts on from " + atDump + ": " + after);
    }
}
