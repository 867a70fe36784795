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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JUnit extension for tests that act as a throw-away normal user: it creates
 * {@code corral-test-u<time><random>} users ({@code useradd --no-create-home --shell
 * /usr/sbin/nologin}), installs sudoers drop-ins for them ({@code /etc/sudoers.d/<user>},
 * checked with {@code visudo -cf} first, mode 0440), and after each test (also a failed
 * one) removes the drop-ins, ends the user's processes (all of which the test started) by
 * PID and deletes the user. Once per JVM it sweeps such users and drop-ins left by a test
 * JVM that died more than 15 minutes ago (the creation time is part of the name, so a
 * concurrent run's users are left alone). Requires root; otherwise the test is skipped with
 * the reason printed.
 */
public final class LiveUsers implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    public static final String PREFIX = "corral-test-u";
    /** The time (seconds, hex) then randomness: never matches DelegationLiveTest's fixed "corral-test-user". */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]{8})[0-9a-f]{6}");
    private static final Path SUDOERS_D = Path.of("/etc/sudoers.d");
    private static final Duration STALE = Duration.ofMinutes(15);
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user made for this test. */
    public record User(String name, int uid, int gid) {
        /** {@code setpriv --reuid UID --regid GID --init-groups}: prefix a command to run it as this user. */
        public List<String> setpriv() {
            return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups");
        }
    }

    /** What a command printed and its exit status. */
    public record Run(int rc, String out, String err) {
    }

    private final List<User> users = new ArrayList<>();
    private final List<Path> dropIns = new ArrayList<>();

    /** Skips the calling test, printing why, unless we are root with useradd and setpriv. */
    public static void assumeRoot() {
        String reason = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            reason = "not running as root (user " + System.getProperty("user.name") + "): cannot create a test user";
        } else if (!Files.isExecutable(Path.of("/usr/sbin/useradd")) || !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            reason = "useradd or setpriv is not installed";
        }
        if (reason != null) {
            System.out.println("SKIPPED test-user test: " + reason);
        }
        Assumptions.assumeTrue(reason == null, "test-user test skipped: " + reason);
    }

    /** Runs a command as root (this JVM's user), waiting up to two minutes. */
    public static Run exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path out = Files.createTempFile("corral-test-out", ".txt");
        Path err = Files.createTempFile("corral-test-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        try {
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public User create() throws IOException, InterruptedException {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        String name = PREFIX + String.format("%08x", Instant.now().getEpochSecond()) + HexFormat.of().formatHex(b);
        Run r = exec(List.of("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name));
        if (r.rc() != 0) {
            throw new IOException("useradd " + name + " failed: " + r.err());
        }
        User u = new User(name, Integer.parseInt(exec(List.of("id", "-u", name)).out().trim()),
                Integer.parseInt(exec(List.of("id", "-g", name)).out().trim()));
        users.add(u);
        return u;
    }

    /**
     * Installs {@code rule} as {@code /etc/sudoers.d/<user>} after {@code visudo -cf}
     * accepted it; throws (installing nothing) if visudo refuses it.
     */
    public Path sudoers(User user, String rule) throws IOException, InterruptedException {
        requireTestUser(user.name());
        Path tmp = Files.createTempFile(SUDOERS_D, ".corral-test-", ".tmp");
        try {
            Files.writeString(tmp, rule + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r-----"));
            Run check = exec(List.of("visudo", "-cf", tmp.toString()));
            if (check.rc() != 0) {
                throw new IOException("visudo -cf refused the rule: " + check.out() + check.err() + "\n" + rule);
            }
            Path target = SUDOERS_D.resolve(user.name());
            dropIns.add(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Delegates the cgroup2 group {@code dir} (a corral-test group) to {@code uid:gid} the
     * systemd way: the directory and its {@code cgroup.procs}, {@code cgroup.subtree_control}
     * and {@code cgroup.threads}; each of {@code ownChildren} is the user's entirely.
     */
    public static void delegate(Path dir, int uid, int gid, Path... ownChildren) throws IOException, InterruptedException {
        LiveCgroups.requireTestPath(dir);
        List<String> chown = new ArrayList<>(List.of("chown", uid + ":" + gid, dir.toString()));
        for (String f : List.of("cgroup.procs", "cgroup.subtree_control", "cgroup.threads")) {
            chown.add(dir.resolve(f).toString());
        }
        Run r = exec(chown);
        for (Path c : ownChildren) {
            LiveCgroups.requireTestPath(c);
            r = r.rc() != 0 ? r : exec(List.of("chown", "-R", uid + ":" + gid, c.toString()));
        }
        if (r.rc() != 0) {
            throw new IOException("delegation of " + dir + " failed: " + r.err());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (SWEPT.compareAndSet(false, true) && "root".equals(System.getProperty("user.name"))) {
            sweepStale();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        cleanup();
    }

    public void cleanup() {
        for (Path p : dropIns) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                System.out.println("could not remove " + p + ": " + e.getMessage());
            }
        }
        dropIns.clear();
        for (User u : users) {
            remove(u.name(), u.uid());
        }
        users.clear();
    }

    private static void remove(String name, int uid) {
        requireTestUser(name);
        killProcessesOf(uid);
        try {
            Run r = exec(List.of("userdel", name));
            if (r.rc() != 0) {
                System.out.println("userdel " + name + " failed: " + r.err());
            }
        } catch (IOException | InterruptedException e) {
            System.out.println("userdel " + name + " failed: " + e.getMessage());
        }
    }

    /** Every process whose real uid is the throw-away user's (only tests run as it), by PID. */
    private static void killProcessesOf(int uid) {
        for (int round = 0; round < 50; round++) {
            List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> realUid(p.pid()) == uid).toList();
            if (left.isEmpty()) {
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int realUid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited meanwhile
        }
        return -1;
    }

    /** Users and drop-ins named like ours whose creation time is more than 15 minutes ago. */
    static void sweepStale() {
        long now = Instant.now().getEpochSecond();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(SUDOERS_D)) {
            for (Path p : d) {
                String n = p.getFileName().toString();
                Matcher m = NAME.matcher(n);
                if (m.matches() && now - Long.parseLong(m.group(1), 16) > STALE.toSeconds()
                        || n.startsWith(".corral-test-") && n.endsWith(".tmp") && Files.getLastModifiedTime(p)
                        .toInstant().isBefore(Instant.now().minus(STALE))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            System.out.println("sweep of " + SUDOERS_D + ": " + e.getMessage());
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                Matcher m = f.length > 2 ? NAME.matcher(f[0]) : null;
                if (m != null && m.matches() && now - Long.parseLong(m.group(1), 16) > STALE.toSeconds()) {
                    System.out.println("removing stale test user " + f[0]);
                    remove(f[0], Integer.parseInt(f[2]));
                }
            }
        } catch (IOException e) {
            System.out.println("sweep of /etc/passwd: " + e.getMessage());
        }
    }

    static void requireTestUser(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("refusing to touch user " + name + ": not a " + PREFIX + "* test user");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == LiveUsers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        return this;
    }
}
