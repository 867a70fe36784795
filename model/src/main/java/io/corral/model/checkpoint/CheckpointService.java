package io.corral.model.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;

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

    /** A group a killed console left frozen (found through its staging directory). */
    public record FrozenLeftover(Path freezerDir) {
    }

    private final CgroupFs fs;
    private final Tasks tasks;
    private final Config config;
    private final Catalog catalog;
    private volatile CriuStatus status;

    public CheckpointService(CgroupFs fs, Tasks tasks, Config config) {
        this.fs = fs;
        this.tasks = tasks;
        this.config = config;
        this.catalog = new Catalog(config.catalogRoot());
    }

    public static CheckpointService live(Config config) {
        return new CheckpointService(CgroupFs.live(), Tasks.live(), config);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Config config() {
        return config;
    }

    /** CRIU's status: remembered from an earlier self-test of the same CRIU, else a new self-test. */
    public CriuStatus criuStatus() throws InterruptedException {
        CriuStatus s = status;
        if (s == null) {
            s = selfTest().cachedOrRun(CriuCommand.locate(config.criuPath()), memory());
            status = s;
        }
        return s;
    }

    /** Runs the self-test again (and remembers its outcome). */
    public CriuStatus refreshCriuStatus() throws InterruptedException {
        CriuStatus s = selfTest().run(CriuCommand.locate(config.criuPath()));
        status = s;
        return s;
    }

    private CriuSelfTest selfTest() {
        return new CriuSelfTest(Path.of(System.getProperty("java.io.tmpdir"), "corral-criu-selftest-"
                + ProcessHandle.current().pid()), config.selfTestTimeout());
    }

    private Path memory() {
        return config.catalogRoot().resolve(".criu-status.json");
    }

    public Preflight preflight(GroupSpec group) throws CheckpointException {
        try {
            return preflightCheck().run(group);
        } catch (InvalidInputException | KernelException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
    }

    public Checkpointer.Result checkpoint(GroupSpec group, CheckpointOptions options, Progress progress)
            throws CheckpointException, InterruptedException {
        CriuStatus s = criuStatus();
        Checkpointer c = new Checkpointer(fs, tasks, preflightCheck(), catalog, s.require(),
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
        return new Restorer(fs, tasks, hierarchies(), catalog, CriuCommand.of(Path.of("criu"), "unused"),
                config.restoreTimeout()).takenPids(m);
    }

    private Restorer restorer(CriuCommand criu) throws CheckpointException {
        return new Restorer(fs, tasks, hierarchies(), catalog, criu, config.restoreTimeout());
    }

    /**
     * At console start: removes staging directories left by a killed console and returns
     * the groups they left frozen (still frozen now), so a thaw can be offered.
     */
    public List<FrozenLeftover> recover() {
        List<FrozenLeftover> out = new ArrayList<>();
        Freezer f = new Freezer(fs);
        for (Catalog.Leftover l : catalog.recover()) {
            if (l.freezer().isPresent()) {
                try {
                    if (f.frozen(l.freezer().get()).orElse(false)) {
                        out.add(new FrozenLeftover(l.freezer().get()));
                    }
                } catch (KernelException e) {
                    // unreadable: nothing to offer
                }
            }
        }
        return out;
    }

    public boolean thaw(Path freezerDir) throws KernelException {
        return new Freezer(fs).thaw(freezerDir);
    }

    private PreflightCheck preflightCheck() throws CheckpointException {
        return new PreflightCheck(fs, tasks, hierarchies(), config.catalogRoot());
    }

    private List<Hierarchy> hierarchies() throws CheckpointException {
        try {
            return new HierarchyDiscovery(fs).discover();
        } catch (KernelException e) {
            throw new CheckpointException("cannot read the mounted hierarchies: " + e.getMessage(), e);
        }
    }
}
