package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.ExternalProgram;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ProcFs;
import io.corral.model.launch.LaunchException;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.Launched;
import io.corral.model.launch.Launcher;
import io.corral.model.launch.LogDirectory;
import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.IdMapWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restores a catalog entry into its original group (recreated with its limits if gone) or
 * a new one. CRIU runs from inside the target groups with {@code --manage-cgroups=ignore}
 * (as runc and crun do), started by the namespaces' {@link Launcher} (paused, placed into
 * every target group, released), so the restored tree is born there. Limits are written back
 * afterwards. The entry is only read: logs and the pidfile go to a separate work directory.
 */
public final class Restorer {
    private static final Pattern FORK_EXISTS = Pattern.compile("Can't fork for (\\d+): File exists");

    private final CgroupFs fs;
    private final ProcFs proc;
    private final List<Hierarchy> hierarchies;
    private final Catalog catalog;
    private final CriuCommand criu;
    private final Duration timeout;

    /** What a restore did. */
    public record Result(String id, long rootPid, List<Long> pids, List<GroupPlace> places,
                         List<LimitFiles.Write> limitWrites, long restoreMillis, List<String> notes) {
    }

    public Restorer(CgroupFs fs, ProcFs proc, List<Hierarchy> hierarchies, Catalog catalog, CriuCommand criu,
                    Duration timeout) {
        this.fs = fs;
        this.proc = proc;
        this.hierarchies = hierarchies;
        this.catalog = catalog;
        this.criu = criu;
        this.timeout = timeout;
    }

    /** Host PIDs the entry needs that are in use now, each with the command that holds it. */
    public List<String> takenPids(Manifest m) {
        List<String> out = new ArrayList<>();
        for (long pid : m.neededHostPids()) {
            if (proc.alive(pid)) {
                out.add("PID " + pid + " (needed by " + comm(m, pid) + ") is taken by " + commOf(pid));
            }
        }
        return out;
    }

    /** The command name of a live process, "?" when it cannot be read. */
    private String commOf(long pid) {
        try {
            return proc.comm(pid).orElse("?");
        } catch (KernelException e) {
            return "?";
        }
    }

    private static String comm(Manifest m, long pid) {
        return m.tree().stream().filter(t -> t.pid() == pid).map(Manifest.TaskRecord::comm).findFirst().orElse("?");
    }

    /** Where the restore goes: every recorded hierarchy, at the recorded path or at {@code into}. */
    public List<GroupPlace> targets(Manifest m, Optional<GroupPath> into) throws CheckpointException {
        List<GroupPlace> out = new ArrayList<>();
        for (Manifest.HierarchyRecord r : m.hierarchies()) {
            Hierarchy h = hierarchies.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow(
                    () -> new CheckpointException("hierarchy " + r.id() + " of the checkpoint is not mounted here"));
            out.add(new GroupPlace(h, into.orElse(GroupPath.ofKernel(r.path()))));
        }
        return out;
    }

    public Result restore(String id, Optional<GroupPath> into, Progress progress)
            throws CheckpointException, InterruptedException {
        long t0 = System.nanoTime();
        progress.update(Progress.Phase.VERIFYING, Duration.ZERO, 0);
        Catalog.Verification v = catalog.verify(id);
        if (!v.restorable()) {
            throw new CheckpointException("checkpoint " + id + " is not restorable: " + String.join("; ", v.problems()));
        }
        Catalog.Entry entry = catalog.get(id);
        Manifest m = entry.manifest().orElseThrow();
        if (into.isPresent() && into.get().isRoot()) {
            throw new CheckpointException("restore into a group, not the root group");
        }
        List<String> taken = takenPids(m);
        if (!taken.isEmpty()) {
            throw new CheckpointException("cannot restore " + id + ": " + String.join("; ", taken)
                    + (m.pidNamespace() ? "" : " (the tree was not in its own pid namespace, so it needs its old PIDs)"));
        }
        progress.update(Progress.Phase.PREPARING_GROUPS, elapsed(t0), 0);
        List<GroupPlace> places = targets(m, into);
        LimitFiles limits = new LimitFiles(fs);
        List<String> notes = new ArrayList<>();
        List<LimitFiles.Write> writes = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            GroupPlace p = places.get(i);
            Map<String, String> recorded = m.hierarchies().get(i).limits();
            try {
                if (mkdirs(p)) {
                    notes.add("created " + p);
                }
                // A new v1 cpuset group takes no task before cpus and mems are set.
                writes.addAll(limits.applyCpuset(p, recorded));
            } catch (KernelException e) {
                throw new CheckpointException("cannot prepare " + p + ": " + e.getMessage(), e);
            }
        }

        Path work;
        try {
            work = Files.createTempDirectory("corral-restore-" + id + "-");
        } catch (IOException e) {
            throw new CheckpointException("cannot create a work directory: " + e.getMessage(), e);
        }
        Path images;
        try {
            images = linkImages(entry.dir().resolve(Catalog.IMAGES), work.resolve(Catalog.IMAGES));
        } catch (IOException e) {
            throw new CheckpointException("cannot prepare the images for CRIU: " + e.getMessage(), e);
        }
        Path pidfile = work.resolve("root.pid");
        List<String> args = new ArrayList<>(List.of("restore", "-d", "--manage-cgroups=ignore", "--root", "/",
                "--pidfile", pidfile.toString(), "-D", images.toString(),
                "-W", work.toString(), "-o", "restore.log", "-v4"));
        if (m.options() != null && m.options().tcpEstablished()) {
            args.add("--tcp-established");
        }
        if (m.options() != null && m.options().fileLocks()) {
            args.add("--file-locks");
        }
        progress.update(Progress.Phase.RESTORING, elapsed(t0), 0);
        long start = System.nanoTime();
        // The namespaces' launcher starts a paused shell, writes its PID into every target
        // group, then lets it exec CRIU: the restored tree is born inside the groups.
        Launcher launcher = new Launcher(fs, proc, new IdMapWriter(proc, true), new LogDirectory(work));
        List<Path> dirs = places.stream().map(p -> p.dir(fs)).toList();
        Launched launched;
        try {
            launched = launcher.launch(new LaunchSpec(criu.line(args), Optional.empty(), criu.env(), Set.of(),
                    UserMapping.UNMAPPED, dirs));
        } catch (LaunchException e) {
            throw new CheckpointException("cannot start CRIU inside the target groups: " + e.getMessage(), e);
        }
        boolean finished = launched.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            launched.process().descendants().forEach(ProcessHandle::destroyForcibly);
            launched.process().destroyForcibly();
            launched.process().waitFor(10, TimeUnit.SECONDS);
        }
        int exit = finished ? launched.process().exitValue() : -1;
        String output = ExternalProgram.readKept(launched.logFile());
        long restoreMillis = (System.nanoTime() - start) / 1_000_000;
        Path log = work.resolve("restore.log");
        if (exit != 0) {
            String all = CriuLog.read(log) + "\n--- criu output ---\n" + output;
            Matcher fm = FORK_EXISTS.matcher(all);
            String why = fm.find() ? "PID " + fm.group(1) + " is taken (CRIU: \"Can't fork for " + fm.group(1)
                    + ": File exists\")" : CriuLog.errorLine(all).orElse(finished ? "criu exited with status " + exit
                    : "criu did not finish in " + timeout.toSeconds() + " s and was killed");
            throw new CheckpointException("restore of " + id + " failed: " + why + "; the catalog entry is unchanged; log: "
                    + log, log, CriuLog.excerpt(all), null);
        }
        long root;
        try {
            root = Long.parseLong(Files.readString(pidfile).trim());
        } catch (IOException | NumberFormatException e) {
            throw new CheckpointException("CRIU reported success but wrote no pidfile " + pidfile, e);
        }
        progress.update(Progress.Phase.APPLYING_LIMITS, elapsed(t0), 0);
        for (int i = 0; i < places.size(); i++) {
            writes.addAll(limits.apply(places.get(i), m.hierarchies().get(i).limits()));
        }
        writes.stream().filter(w -> !w.applied()).forEach(w -> notes.add("limit " + w.file() + "=" + w.value()
                + " not applied: " + w.error().orElse("")));
        if (!proc.alive(root)) {
            throw new CheckpointException("CRIU reported success but the restored root " + root + " is not running",
                    log, CriuLog.excerpt(CriuLog.read(log)), null);
        }
        List<Long> pids;
        Map<String, String> rootGroups;
        try {
            pids = proc.subtree(root);
            rootGroups = proc.cgroups(root);
        } catch (KernelException | MalformedFileException e) {
            throw new CheckpointException("CRIU reported success but the restored tree of " + root
                    + " cannot be read: " + e.getMessage(), e);
        }
        if (pids.size() != m.tree().size()) {
            notes.add("restored tree has " + pids.size() + " processes, the checkpoint had " + m.tree().size());
        }
        for (GroupPlace p : places) {
            Optional<GroupPath> at = GroupPlace.pathOf(rootGroups, p.hierarchy());
            if (at.isEmpty() || !at.get().equals(p.path())) {
                notes.add("restored root is in " + at.map(Object::toString).orElse("?") + " of " + p.hierarchy().id()
                        + ", not " + p.path());
            }
        }
        progress.update(Progress.Phase.DONE, elapsed(t0), 0);
        // Kept only when the restore failed (the message names its log).
        try {
            CriuSelfTest.deleteTree(work);
        } catch (IOException e) {
            notes.add("could not remove the work directory " + work + ": " + e.getMessage());
        }
        return new Result(id, root, pids, places, writes, restoreMillis, notes);
    }

    /**
     * CRIU writes files of its own (stats-restore) into the images directory during a
     * restore; it gets hard links of the entry's images in a work directory instead, so the
     * entry stays exactly as it was. Copies where links are impossible (another file system).
     */
    private static Path linkImages(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (java.util.stream.Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(p.getFileName());
                try {
                    Files.createLink(t, p);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    /** Creates the group and missing parents; true if anything was created. */
    private boolean mkdirs(GroupPlace p) throws KernelException {
        boolean created = false;
        GroupPath path = GroupPath.ROOT;
        for (String n : p.path().names()) {
            path = path.child(n);
            Path dir = new GroupPlace(p.hierarchy(), path).dir(fs);
            if (!fs.exists(dir)) {
                fs.mkdir(dir);
                created = true;
            }
        }
        return created;
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
