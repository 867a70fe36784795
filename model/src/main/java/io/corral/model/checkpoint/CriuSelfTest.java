package io.corral.model.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.kernel.ExternalProgram;
import io.corral.model.kernel.KernelException;
import io.corral.model.proc.ContinueSignal;
import io.corral.model.proc.ProcFs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether Corral offers checkpointing: finds CRIU's version, runs {@code criu check},
 * then dumps and restores a throwaway process with timeouts. A dump that hangs (CRIU 4.1.1
 * on kernel 6.18 does) is killed, the target is made to run again, and the dump is retried
 * with {@code CRIU_FAULT=130}; what worked is remembered in a small JSON file.
 */
public final class CriuSelfTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final Duration dumpTimeout;

    /** What a previous self-test found, keyed by CRIU command and version. */
    record Remembered(List<String> prefix, Map<String, String> env, String version, boolean available,
                      String reason, long dumpMillis, long restoreMillis) {
    }

    public CriuSelfTest(Path workDir, Duration dumpTimeout) {
        this.workDir = workDir;
        this.dumpTimeout = dumpTimeout;
    }

    /** The remembered outcome for this command and version, else a fresh self-test (remembered afterwards). */
    public CriuStatus cachedOrRun(Optional<CriuCommand> found, Path memory) throws InterruptedException {
        if (found.isPresent()) {
            Optional<String> version = version(found.get());
            Optional<Remembered> r = recall(memory);
            if (r.isPresent() && version.isPresent() && r.get().available()
                    && r.get().prefix().equals(found.get().prefix()) && r.get().version().equals(version.get())) {
                CriuCommand cmd = new CriuCommand(r.get().prefix(), r.get().env(), found.get().source());
                return new CriuStatus(true, r.get().reason(), Optional.of(cmd), version, "(remembered)",
                        r.get().dumpMillis(), r.get().restoreMillis());
            }
        }
        CriuStatus s = run(found);
        remember(memory, s);
        return s;
    }

    public CriuStatus run(Optional<CriuCommand> found) throws InterruptedException {
        if (found.isEmpty()) {
            return CriuStatus.unavailable("CRIU not found (no configured path, no " + CriuCommand.PROVISIONED
                    + ", no criu on PATH); run scripts/provision-criu.sh", Optional.empty(), Optional.empty(), "");
        }
        CriuCommand criu = found.get();
        Optional<String> version = version(criu);
        if (version.isEmpty()) {
            return CriuStatus.unavailable("\"" + criu.display() + " --version\" did not run", found, version, "");
        }
        ExternalProgram.Result check;
        try {
            check = ExternalProgram.run(criu.line("check"), criu.env(), Duration.ofSeconds(60), log("check.log"));
        } catch (IOException e) {
            return CriuStatus.unavailable("criu check did not start: " + e.getMessage(), found, version, "");
        }
        if (!check.ok()) {
            String why = CriuLog.errorLine(check.output()).or(() -> ExternalProgram.firstLine(check.output()))
                    .orElse(check.describe());
            return CriuStatus.unavailable("criu check failed: " + why, found, version, check.output());
        }
        try {
            return dumpAndRestore(criu, version, check.output());
        } catch (IOException e) {
            return CriuStatus.unavailable("self-test could not run: " + e.getMessage(), found, version, check.output());
        }
    }

    private CriuStatus dumpAndRestore(CriuCommand criu, Optional<String> version, String check)
            throws IOException, InterruptedException {
        Attempt first = attempt(criu, "plain");
        if (first.ok()) {
            return new CriuStatus(true, "self-test passed", Optional.of(criu), version, check,
                    first.dumpMillis, first.restoreMillis);
        }
        if (!first.dumpHung) {
            return CriuStatus.unavailable(first.failure, Optional.of(criu), version, check);
        }
        CriuCommand faulted = criu.withEnv("CRIU_FAULT", "130");
        Attempt second = attempt(faulted, "fault130");
        if (second.ok()) {
            return new CriuStatus(true, "self-test passed with CRIU_FAULT=130 (the dump hangs without it)",
                    Optional.of(faulted), version, check, second.dumpMillis, second.restoreMillis);
        }
        return CriuStatus.unavailable(first.failure + "; with CRIU_FAULT=130: " + second.failure,
                Optional.of(criu), version, check);
    }

    private record Attempt(String failure, boolean dumpHung, long dumpMillis, long restoreMillis) {
        boolean ok() {
            return failure == null;
        }
    }

    private Attempt attempt(CriuCommand criu, String name) throws IOException, InterruptedException {
        Path dir = workDir.resolve("selftest-" + name);
        deleteTree(dir);
        Path images = Files.createDirectories(dir.resolve("images"));
        // setsid: CRIU wants the tree's session leader inside the tree.
        ExternalProgram.Running target = ExternalProgram.start(List.of("setsid", "sleep", "600"), Map.of(),
                dir.resolve("target.log"));
        long pid = target.pid();
        try {
            waitForExec(pid, "sleep");
            ExternalProgram.Running dump = ExternalProgram.start(criu.line("dump", "-t", Long.toString(pid),
                    "--manage-cgroups=ignore", "-D", images.toString(), "-o", "dump.log"), criu.env(), dir.resolve("dump.out"));
            ExternalProgram.Result d = dump.await(dumpTimeout);
            if (d.timedOut()) {
                ContinueSignal.send(List.of(pid));
                return new Attempt("the dump hung (killed after " + dumpTimeout.toSeconds() + " s)", true, -1, -1);
            }
            if (!d.ok()) {
                String log = CriuLog.read(images.resolve("dump.log"));
                return new Attempt("the dump failed: " + CriuLog.errorLine(log).orElse(d.describe()), false, -1, -1);
            }
            Path pidfile = dir.resolve("restored.pid");
            ExternalProgram.Result r = ExternalProgram.run(criu.line("restore", "-d", "--manage-cgroups=ignore",
                    "-D", images.toString(), "-o", "restore.log", "--pidfile", pidfile.toString()), criu.env(), dumpTimeout, dir.resolve("restore.out"));
            if (!r.ok()) {
                String log = CriuLog.read(images.resolve("restore.log"));
                return new Attempt("the restore failed: " + CriuLog.errorLine(log).orElse(r.describe()), false, -1, -1);
            }
            long restored = Long.parseLong(Files.readString(pidfile).trim());
            boolean alive = ProcessHandle.of(restored).map(ProcessHandle::isAlive).orElse(false);
            ProcessHandle.of(restored).ifPresent(ProcessHandle::destroyForcibly);
            if (!alive) {
                return new Attempt("the restored process " + restored + " is not running", false, -1, -1);
            }
            return new Attempt(null, false, d.elapsed().toMillis(), r.elapsed().toMillis());
        } finally {
            target.kill();
        }
    }

    private static void waitForExec(long pid, String comm) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                if (ProcFs.live().comm(pid).map(comm::equals).orElse(false)) {
                    return;
                }
            } catch (KernelException e) {
                return; // there but unreadable: go on, the dump says what is wrong
            }
            Thread.sleep(10);
        }
    }

    /** {@code criu --version}: "Version: 4.2.1" gives "4.2.1". */
    public Optional<String> version(CriuCommand criu) throws InterruptedException {
        try {
            ExternalProgram.Result r = ExternalProgram.run(criu.line("--version"), criu.env(), Duration.ofSeconds(20),
                    log("version.log"));
            if (!r.ok()) {
                return Optional.empty();
            }
            return r.output().lines().filter(l -> l.startsWith("Version:"))
                    .map(l -> l.substring("Version:".length()).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path log(String name) throws IOException {
        Files.createDirectories(workDir);
        Path p = workDir.resolve(name);
        Files.deleteIfExists(p);
        return p;
    }

    private static Optional<Remembered> recall(Path memory) {
        try {
            return Optional.of(JSON.readValue(memory.toFile(), Remembered.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void remember(Path memory, CriuStatus s) {
        if (s.command().isEmpty() || s.version().isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(memory.getParent());
            JSON.writeValue(memory.toFile(), new Remembered(s.command().get().prefix(), s.command().get().env(),
                    s.version().get(), s.available(), s.reason(), s.dumpMillis(), s.restoreMillis()));
        } catch (IOException ignored) {
            // remembering is an optimisation; the self-test runs again next time
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
