package io.corral.model.checkpoint;

import io.corral.model.cgroup.Freezer;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ContinueSignal;
import io.corral.model.proc.ProcFs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoint/restore for the console and the CLI: CRIU's availability, pre-flight, dump,
 * restore and the catalog. Every method blocks; the console calls them from a worker
 * thread and shows {@link Progress} updates.
 *
 * <pre>
 * criuStatus()                      available + reason: enables or disables (with the reason) the buttons
 * preflight(group)                  tree, places, blockers, size estimate; reasons(options) empty = one click
 * checkpoint(group, options, progress)   the new entry (id, manifest) or CheckpointException (log excerpt)
 * restore(id, into, progress)       original groups (into empty) or another path; takenPids(id) beforehand
 * catalog()                         list(), get(id), verify(id), delete(id); archive(): export / import
 * recover(), thaw(leftover), dismiss(leftover)   at start: what a killed console left frozen or stopped
 * </pre>
 */
public final class CheckpointService {

    /**
     * @param catalogRoot where checkpoints are kept
     * @param criuPath    a configured CRIU program (else the provisioned wrapper, else PATH)
     */
    public record Config(Path catalogRoot, Optional<Path> criuPath, Duration dumpTimeout, Duration restoreTimeout,
                         Duration selfTestTimeout) {
        /** From the environment: {@code CORRAL_CHECKPOINT_DIR}, {@code CORRAL_CRIU}; XDG defaults otherwise. */
        public static Config fromEnvironment(Map<String, String> env) {
            String dir = env.get("CORRAL_CHECKPOINT_DIR");
            String criu = env.get("CORRAL_CRIU");
            return new Config(dir != null && !dir.isBlank() ? Path.of(dir) : Catalog.defaultRoot(env),
                    criu != null && !criu.isBlank() ? Optional.of(Path.of(criu)) : Optional.empty(),
                    Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(30));
        }

        public Config withCatalogRoot(Path root) {
            return new Config(root, criuPath, dumpTimeout, restoreTimeout, selfTestTimeout);
        }

        public Config withDumpTimeout(Duration d) {
            return new Config(catalogRoot, criuPath, d, restoreTimeout, selfTestTimeout);
        }
    }

    /**
     * A group an interrupted checkpoint left frozen, or with stopped processes (a console
     * killed after CRIU finished a {@code --leave-stopped} dump but before it committed).
     */
    public record FrozenLeftover(Catalog.Leftover staging, Path freezerDir, boolean frozen, List<Long> stopped) {
    }

    private final CgroupFs fs;
    private final ProcFs proc;
    private final Config config;
    private final Catalog catalog;
    private volatile CriuStatus status;

    public CheckpointService(CgroupFs fs, ProcFs proc, Config config) {
        this.fs = fs;
        this.proc = proc;
        this.config = config;
        this.catalog = new Catalog(config.catalogRoot());
    }

    public static CheckpointService live(Config config) {
        return new CheckpointService(CgroupFs.live(), ProcFs.live(), config);
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Export of one entry to a tar archive, and checked import. */
    public CheckpointArchive archive() {
        return new CheckpointArchive(catalog);
    }

    public Config config() {
        return config;
    }

    /** CRIU's status: remembered from an earlier self-test of the same CRIU, else a new self-test. */
    public CriuStatus criuStatus() throws InterruptedException {
        CriuStatus s = status;
        if (s == null) {
            s = tidy(selfTest().cachedOrRun(CriuCommand.locate(config.criuPath()), memory()));
            status = s;
        }
        return s;
    }

    /** Runs the self-test again (and remembers its outcome). */
    public CriuStatus refreshCriuStatus() throws InterruptedException {
        CriuStatus s = tidy(selfTest().run(CriuCommand.locate(config.criuPath())));
        status = s;
        return s;
    }

    private CriuSelfTest selfTest() {
        return new CriuSelfTest(selfTestDir(), config.selfTestTimeout());
    }

    private static Path selfTestDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "corral-criu-selftest-" + ProcessHandle.current().pid());
    }

    /** The self-test's logs stay only when it failed. */
    private static CriuStatus tidy(CriuStatus s) {
        if (s.available()) {
            try {
                CriuSelfTest.deleteTree(selfTestDir());
            } catch (java.io.IOException e) {
                // left in the temp directory
            }
        }
        return s;
    }

    private Path memory() {
        return config.catalogRoot().resolve(".criu-status.json");
    }

    public Preflight preflight(GroupSpec group) throws CheckpointException {
        try {
            return preflightCheck().run(group);
        } catch (InvalidInputException | KernelException | MalformedFileException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
    }

    public Checkpointer.Result checkpoint(GroupSpec group, CheckpointOptions options, Progress progress)
            throws CheckpointException, InterruptedException {
        CriuStatus s = criuStatus();
        Checkpointer c = new Checkpointer(fs, proc, preflightCheck(), catalog, s.require(),
                s.version().orElse("unknown"), config.dumpTimeout());
        return c.checkpoint(group, options, progress);
    }

    /** Restores into the recorded groups ({@code into} empty) or into {@code into} in every recorded hierarchy. */
    public Restorer.Result restore(String id, Optional<GroupPath> into, Progress progress)
            throws CheckpointException, InterruptedException {
        return restorer(criuStatus().require()).restore(id, into, progress);
    }

    /** PIDs a restore of this entry would need that are taken now (empty: all free). */
    public List<String> takenPids(String id) throws CheckpointException {
        Manifest m = catalog.get(id).manifest().orElseThrow(() -> new CheckpointException("manifest of " + id
                + " is unreadable"));
        return new Restorer(fs, proc, hierarchies(), catalog, CriuCommand.of(Path.of("criu"), "unused"),
                config.restoreTimeout()).takenPids(m);
    }

    private Restorer restorer(CriuCommand criu) throws CheckpointException {
        return new Restorer(fs, proc, hierarchies(), catalog, criu, config.restoreTimeout());
    }

    /**
     * At console start: finds staging directories left by a killed console (never listed
     * as entries), removes those with nothing to offer, and returns the groups they left
     * frozen or with stopped processes, so a thaw can be offered ({@link #thaw(FrozenLeftover)})
     * or declined ({@link #dismiss}).
     */
    public List<FrozenLeftover> recover() {
        List<FrozenLeftover> out = new ArrayList<>();
        for (Catalog.Leftover l : catalog.leftovers()) {
            Optional<FrozenLeftover> offer = Optional.empty();
            if (l.freezer().isPresent()) {
                try {
                    FrozenLeftover f = inspect(l, l.freezer().get());
                    if (f.frozen() || !f.stopped().isEmpty()) {
                        offer = Optional.of(f);
                    }
                } catch (KernelException e) {
                    // group gone or unreadable: nothing to offer
                }
            }
            if (offer.isPresent()) {
                out.add(offer.get());
            } else {
                removeQuietly(l);
            }
        }
        return out;
    }

    /** Thaws the leftover's group, resumes its stopped processes, and removes the staging directory. */
    public boolean thaw(FrozenLeftover f) throws KernelException, InterruptedException {
        boolean done = thaw(f.freezerDir());
        removeQuietly(f.staging());
        return done;
    }

    /** Removes the leftover's staging directory and leaves its group as it is. */
    public void dismiss(FrozenLeftover f) {
        removeQuietly(f.staging());
    }

    private void removeQuietly(Catalog.Leftover l) {
        try {
            catalog.removeLeftover(l);
        } catch (java.io.IOException e) {
            // tried again at the next start
        }
    }

    private FrozenLeftover inspect(Catalog.Leftover l, Path freezerDir) throws KernelException {
        boolean frozen = new Freezer(fs, Checkpointer.THAW_TIMEOUT).frozen(freezerDir);
        List<Long> members = new ArrayList<>();
        for (String line : fs.read(freezerDir.resolve("cgroup.procs")).split("\n")) {
            if (!line.isBlank()) {
                members.add(Long.parseLong(line.trim()));
            }
        }
        return new FrozenLeftover(l, freezerDir, frozen, Checkpointer.stopped(proc, members));
    }

    /**
     * Thaws the group and sends SIGCONT to its stopped processes (read from the group now,
     * not from the leftover, so no reused PID outside the group is signalled).
     * Returns true when anything was done.
     */
    public boolean thaw(Path freezerDir) throws KernelException, InterruptedException {
        boolean thawed = new Freezer(fs, Checkpointer.THAW_TIMEOUT).thawIfFrozen(freezerDir);
        List<Long> stopped = inspect(null, freezerDir).stopped();
        ContinueSignal.send(stopped);
        return thawed || !stopped.isEmpty();
    }

    private PreflightCheck preflightCheck() throws CheckpointException {
        return new PreflightCheck(fs, proc, hierarchies(), config.catalogRoot());
    }

    private List<Hierarchy> hierarchies() throws CheckpointException {
        try {
            return new HierarchyDiscovery(fs).discover();
        } catch (KernelException e) {
            throw new CheckpointException("cannot read the mounted hierarchies: " + e.getMessage(), e);
        }
    }
}
