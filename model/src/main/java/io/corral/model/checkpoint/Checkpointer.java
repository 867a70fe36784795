package io.corral.model.checkpoint;

import io.corral.model.cgroup.Freezer;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.ExternalProgram;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ContinueSignal;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcStat;
import io.corral.model.proc.ProcStatus;
import io.corral.model.limit.LimitReader;
import io.corral.model.limit.Setting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Dumps a group with CRIU into the catalog. The dump runs with {@code --leave-stopped}
 * (unless the user asked to leave the workload running): the workload is killed only after
 * the entry was renamed into place, so any failure up to that point — CRIU's, a full or
 * read-only catalog, a killed CRIU, a cancel — thaws and resumes it, and lists nothing.
 */
public final class Checkpointer {
    /** How long a thaw after a failed dump (or of a killed console's leftover) may take to read THAWED. */
    static final Duration THAW_TIMEOUT = Duration.ofSeconds(1);

    private final CgroupFs fs;
    private final ProcFs proc;
    private final PreflightCheck preflight;
    private final Catalog catalog;
    private final CriuCommand criu;
    private final String criuVersion;
    private final Duration timeout;

    /** What a successful checkpoint produced. */
    public record Result(String id, Manifest manifest, Path entry, List<String> notes) {
    }

    public Checkpointer(CgroupFs fs, ProcFs proc, PreflightCheck preflight, Catalog catalog, CriuCommand criu,
                        String criuVersion, Duration timeout) {
        this.fs = fs;
        this.proc = proc;
        this.preflight = preflight;
        this.catalog = catalog;
        this.criu = criu;
        this.criuVersion = criuVersion;
        this.timeout = timeout;
    }

    public Result checkpoint(GroupSpec spec, CheckpointOptions options, Progress progress)
            throws CheckpointException, InterruptedException {
        long t0 = System.nanoTime();
        progress.update(Progress.Phase.PREFLIGHT, Duration.ZERO, 0);
        Preflight pf;
        try {
            pf = preflight.run(spec);
        } catch (InvalidInputException | KernelException | MalformedFileException e) {
            throw new CheckpointException("cannot inspect " + spec + ": " + e.getMessage(), e);
        }
        List<String> reasons = pf.reasons(options);
        if (!reasons.isEmpty()) {
            throw new CheckpointException("cannot checkpoint " + spec + ": " + String.join("; ", reasons));
        }
        long root = pf.root().orElseThrow();
        Path freezerDir = pf.freezer().orElseThrow().dir(fs);
        List<Manifest.HierarchyRecord> hierarchies = new ArrayList<>();
        LimitFiles limits = new LimitFiles(fs);
        try {
            for (GroupPlace p : pf.places()) {
                List<String> settings = new LimitReader(fs).read(p.dir(fs), p.hierarchy(), new ArrayList<>()).asMap()
                        .values().stream().map(l -> new Setting(l.knob(), l.value()).toString()).toList();
                hierarchies.add(new Manifest.HierarchyRecord(p.hierarchy().id(), p.hierarchy().version().name(),
                        p.hierarchy().controllers(), p.hierarchy().mount(), p.path().toString(), limits.read(p),
                        settings));
            }
        } catch (KernelException e) {
            throw new CheckpointException("cannot read the limits of " + spec + ": " + e.getMessage(), e);
        }
        List<Manifest.TaskRecord> tree = new ArrayList<>();
        try {
            for (long pid : pf.tree()) {
                Optional<ProcStat> s = proc.stat(pid);
                if (s.isPresent()) {
                    List<Long> nsPids = proc.status(pid).map(ProcStatus::nsPids).orElse(List.of());
                    tree.add(new Manifest.TaskRecord(pid, s.get().ppid(), s.get().comm(), nsPids));
                }
            }
        } catch (KernelException | MalformedFileException e) {
            throw new CheckpointException("cannot read the processes of " + spec + ": " + e.getMessage(), e);
        }
        long preflightMillis = millis(t0);

        Catalog.Staging staging = catalog.stage(Catalog.newId());
        try {
            staging.noteFreezer(freezerDir);
        } catch (IOException e) {
            staging.abandon();
            throw new CheckpointException("cannot write the catalog " + catalog.root() + ": " + Catalog.describe(e), e);
        }
        // --manage-cgroups=ignore, not --manage-cgroups: Corral records the groups and limits
        // itself and restores with ignore, while CRIU's own cgroup dump walks and records
        // every group below each of the tree's groups, and a tree at "/" of a hierarchy
        // (any hierarchy the group is not in) means the host's whole tree: with another
        // tool's 3000-group benchmark present that made a dump take 5-23 s and 6 MB instead
        // of 0.3 s and 0.6 MB.
        List<String> args = new ArrayList<>(List.of("dump", "--tree", Long.toString(root),
                "--freeze-cgroup", freezerDir.toString(), "--manage-cgroups=ignore",
                "-D", staging.images().toString(), "-o", "dump.log", "-v4"));
        args.add(options.leaveRunning() ? "--leave-running" : "--leave-stopped");
        if (options.tcpEstablished()) {
            args.add("--tcp-established");
        }
        if (options.fileLocks()) {
            args.add("--file-locks");
        }
        long dumpStart = System.nanoTime();
        ExternalProgram.Result dump;
        try {
            dump = runWatched(args, staging, progress);
        } catch (IOException e) {
            throw fail(staging, pf, "CRIU did not start: " + e.getMessage(), Optional.empty());
        }
        long dumpMillis = millis(dumpStart);
        if (!dump.ok()) {
            String why = dump.timedOut() ? (progress.cancelled() ? "cancelled; CRIU was killed"
                    : "CRIU did not finish in " + timeout.toSeconds() + " s and was killed") : dump.describe();
            throw fail(staging, pf, why, Optional.of(dump));
        }

        progress.update(Progress.Phase.HASHING, elapsed(t0), dirBytes(staging.images()));
        long hashStart = System.nanoTime();
        List<Manifest.FileRecord> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(staging.images())) {
            for (Path p : s.sorted().toList()) {
                files.add(new Manifest.FileRecord(p.getFileName().toString(), Files.size(p), Catalog.sha256(p)));
            }
        } catch (IOException e) {
            throw fail(staging, pf, "cannot hash the images: " + Catalog.describe(e), Optional.of(dump));
        }
        long hashMillis = millis(hashStart);
        progress.update(Progress.Phase.COMMITTING, elapsed(t0), dirBytes(staging.images()));
        String id = staging.id();
        Manifest m = new Manifest(Manifest.FORMAT, id, options.label(),
                OffsetDateTime.now(ZoneOffset.UTC).toString(), spec.toString(), root, pf.pidNamespace(), hierarchies,
                tree, new Manifest.Versions(criuVersion, kernelVersion(), "corral 0.1.0"), options, files,
                new Manifest.Durations(preflightMillis, dumpMillis, hashMillis, millis(t0)));
        Path entry;
        try {
            entry = staging.commit(m);
        } catch (IOException e) {
            throw fail(staging, pf, "cannot complete the catalog entry: " + Catalog.describe(e), Optional.of(dump));
        }
        List<String> notes = new ArrayList<>();
        if (!options.leaveRunning()) {
            progress.update(Progress.Phase.STOPPING, elapsed(t0), m.imageBytes());
            stop(pf, notes);
        }
        progress.update(Progress.Phase.DONE, elapsed(t0), m.imageBytes());
        return new Result(id, m, entry, notes);
    }

    /** Runs CRIU, reporting progress, killing it on cancel or timeout. */
    private ExternalProgram.Result runWatched(List<String> args, Catalog.Staging staging, Progress progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        ExternalProgram.Running r = ExternalProgram.start(criu.line(args), criu.env(), staging.dir().resolve("criu.out"));
        while (!r.waitFor(Duration.ofMillis(100))) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            progress.update(Progress.Phase.DUMPING, elapsed, dirBytes(staging.images()));
            if (progress.cancelled() || elapsed.compareTo(timeout) > 0) {
                break;
            }
        }
        return r.killAndCollect();
    }

    /** Kills the dumped (stopped) tree after the entry is in place, and waits for the group to empty. */
    private void stop(Preflight pf, List<String> notes) throws InterruptedException {
        for (long pid : pf.tree()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        List<Long> waited = new ArrayList<>(pf.tree());
        // The unshare that waited for the init exits by itself once the init is gone.
        pf.holder().ifPresent(waited::add);
        for (int i = 0; i < 100; i++) {
            if (waited.stream().noneMatch(proc::alive)) {
                return;
            }
            Thread.sleep(20);
        }
        notes.add("processes " + waited.stream().filter(proc::alive).toList() + " were still alive 2 s after the dump");
    }

    /** Thaws and resumes the workload, keeps the log, removes the staging directory. */
    private CheckpointException fail(Catalog.Staging staging, Preflight pf, String why,
                                     Optional<ExternalProgram.Result> criuRun) throws InterruptedException {
        String state = resume(pf);
        String log = CriuLog.read(staging.images().resolve("dump.log"));
        String out = criuRun.map(ExternalProgram.Result::output).orElse("");
        String all = log + (out.isBlank() ? "" : "\n--- criu output ---\n" + out);
        Path kept = catalog.keepFailedLog(staging.id(), all);
        staging.abandon();
        Optional<String> line = CriuLog.errorLine(all);
        String msg = "checkpoint of " + pf.group() + " failed: " + why + line.map(l -> " — " + l).orElse("")
                + "; " + state + "; no catalog entry; log: " + kept;
        return new CheckpointException(msg, kept, CriuLog.excerpt(all), null);
    }

    /** After a failed dump: thaw the freezer, SIGCONT the tree, and say how the workload is. */
    private String resume(Preflight pf) throws InterruptedException {
        boolean thawed = false;
        try {
            if (pf.freezer().isPresent()) {
                Path dir = pf.freezer().get().dir(fs);
                // A killed CRIU can leave the freezer FREEZING: thawIfFrozen writes the thaw until it reads THAWED.
                thawed = new Freezer(fs, THAW_TIMEOUT).thawIfFrozen(dir);
            }
        } catch (KernelException e) {
            return "could not thaw " + pf.freezer().get() + " (" + e.getMessage() + ")";
        }
        ContinueSignal.send(pf.tree().stream().filter(proc::alive).toList());
        long alive = pf.tree().stream().filter(proc::alive).count();
        long stopped = stopped(pf.tree()).size();
        return "the workload runs on (" + alive + " of " + pf.tree().size() + " processes alive"
                + (stopped > 0 ? ", " + stopped + " still stopped" : "") + (thawed ? ", group thawed" : ", not frozen") + ")";
    }

    /**
     * Those of {@code pids} stopped by a signal or a tracer (a killed CRIU leaves them so);
     * one whose stat cannot be read is not counted.
     */
    static List<Long> stopped(ProcFs proc, List<Long> pids) {
        List<Long> out = new ArrayList<>();
        for (long pid : pids) {
            try {
                if (proc.stat(pid).map(s -> s.state().stopped()).orElse(false)) {
                    out.add(pid);
                }
            } catch (KernelException | MalformedFileException e) {
                // unreadable: left as it is
            }
        }
        return out;
    }

    private List<Long> stopped(List<Long> pids) {
        return stopped(proc, pids);
    }

    static long dirBytes(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    static String kernelVersion() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
