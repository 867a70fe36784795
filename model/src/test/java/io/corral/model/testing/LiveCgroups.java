package io.corral.model.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JUnit extension for tests against the live kernel. It hands out {@code corral-test-*}
 * names, remembers every group and process the test made, and after each test (also a
 * failed one) kills those processes, thaws and removes the groups deepest first.
 * Once per JVM it sweeps stale, empty {@code corral-test-*} groups older than 15 minutes
 * (younger ones may belong to a test running concurrently in another JVM).
 *
 * <p>Safety: it writes only into groups whose name starts with {@code corral-test-}, and
 * only PIDs of processes it started.
 */
public final class LiveCgroups implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    public static final String PREFIX = "corral-test-";
    public static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Path> groups = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** Skips the calling test, printing why, unless we are root on a host with cgroupfs. */
    public static void assumeLiveKernel() {
        String reason = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            reason = "not running as root (user " + System.getProperty("user.name") + ")";
        } else if (!Files.isDirectory(CGROUP_ROOT)) {
            reason = CGROUP_ROOT + " does not exist";
        }
        if (reason != null) {
            System.out.println("SKIPPED live-kernel test: " + reason);
        }
        Assumptions.assumeTrue(reason == null, "live-kernel test skipped: " + reason);
    }

    /** Skips unless the given mount (e.g. /sys/fs/cgroup/freezer) is a mounted hierarchy. */
    public static void assumeHierarchy(Path mount) {
        boolean ok = Files.exists(mount.resolve("cgroup.procs"));
        if (!ok) {
            System.out.println("SKIPPED live-kernel test: no cgroup hierarchy mounted at " + mount);
        }
        Assumptions.assumeTrue(ok, "no cgroup hierarchy at " + mount);
    }

    public static String newName() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return PREFIX + HexFormat.of().formatHex(b);
    }

    /** Creates {@code mount/relative} (every component must be new or a corral-test group). */
    public Path mkdir(Path mount, String relative) throws IOException {
        Path dir = mount;
        for (String part : relative.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            dir = dir.resolve(part);
            if (!Files.exists(dir)) {
                requireTestPath(dir);
                Files.createDirectory(dir);
                groups.add(dir);
            }
        }
        return dir;
    }

    /** Registers a group created by the code under test, so it is removed afterwards. */
    public void track(Path group) {
        requireTestPath(group);
        groups.add(group);
    }

    /** Starts a process the test owns; it is killed after the test. */
    public Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    /** Adopts a process started elsewhere in the test, so it is killed afterwards. */
    public void own(Process p) {
        processes.add(p);
    }

    /** Moves a process this test started into one of its groups. */
    public void moveInto(Path group, long pid) throws IOException {
        requireTestPath(group);
        Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (SWEPT.compareAndSet(false, true)) {
            sweepStale();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        cleanup();
    }

    public void cleanup() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (Path g : groups) {
            thaw(g);
        }
        for (int i = groups.size() - 1; i >= 0; i--) {
            removeTree(groups.get(i));
        }
        groups.clear();
    }

    private static void thaw(Path group) {
        try {
            if (Files.exists(group.resolve("freezer.state"))) {
                Files.writeString(group.resolve("freezer.state"), "THAWED");
            }
            if (Files.exists(group.resolve("cgroup.freeze"))) {
                Files.writeString(group.resolve("cgroup.freeze"), "0");
            }
        } catch (IOException ignored) {
            // best effort: removal below reports what is left
        }
    }

    /** Removes a test group and any children the code under test created, deepest first. */
    static void removeTree(Path group) {
        if (!Files.isDirectory(group, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        requireTestPath(group);
        Deque<Path> order = new ArrayDeque<>();
        collect(group, order);
        for (Path dir : order) {
            thaw(dir);
            killMembers(dir);
            for (int attempt = 0; attempt < 50 && Files.exists(dir); attempt++) {
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    sleep(20);
                }
            }
            if (Files.exists(dir)) {
                System.err.println("LiveCgroups: could not remove " + dir);
            }
        }
    }

    /**
     * Processes still in a test group after the test's own processes were killed were
     * started by the test too (launched through the code under test): end them by PID.
     */
    private static void killMembers(Path dir) {
        try {
            Path procs = dir.resolve("cgroup.procs");
            if (!Files.exists(procs)) {
                return;
            }
            for (String line : Files.readAllLines(procs, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            for (int i = 0; i < 50 && !Files.readString(procs).isBlank(); i++) {
                sleep(20);
            }
        } catch (IOException | NumberFormatException ignored) {
            // group vanished meanwhile
        }
    }

    private static void collect(Path dir, Deque<Path> order) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path child : ds) {
                collect(child, order);
            }
        } catch (IOException ignored) {
            // vanished
        }
        order.add(dir);
    }

    /** Removes empty corral-test-* groups left by a crashed run; never populated or young ones. */
    static void sweepStale() {
        if (!Files.isDirectory(CGROUP_ROOT)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        findTestGroups(CGROUP_ROOT, 0, stale);
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(15));
        for (int i = stale.size() - 1; i >= 0; i--) {
            Path g = stale.get(i);
            try {
                FileTime t = Files.getLastModifiedTime(g);
                if (t.toInstant().isBefore(cutoff)) {
                    Files.delete(g);
                    System.out.println("LiveCgroups: removed stale " + g);
                }
            } catch (IOException ignored) {
                // populated, has children, or gone: leave it
            }
        }
    }

    private static void findTestGroups(Path dir, int depth, List<Path> out) {
        if (depth > 6) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path child : ds) {
                if (child.getFileName().toString().startsWith(PREFIX)) {
                    List<Path> inner = new ArrayList<>();
                    findAll(child, inner);
                    out.addAll(inner);
                } else if (!child.getFileName().toString().equals("process_api")) {
                    findTestGroups(child, depth + 1, out);
                }
            }
        } catch (IOException ignored) {
            // unreadable: skip
        }
    }

    private static void findAll(Path dir, List<Path> out) {
        out.add(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path child : ds) {
                findAll(child, out);
            }
        } catch (IOException ignored) {
            // vanished
        }
    }

    /** Refuses any path that is not inside a corral-test-* group. */
    public static void requireTestPath(Path p) {
        for (Path part : p) {
            if (part.toString().startsWith(PREFIX)) {
                return;
            }
        }
        throw new IllegalArgumentException("refusing to touch " + p + ": not inside a " + PREFIX + "* group");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == LiveCgroups.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        return this;
    }
}
