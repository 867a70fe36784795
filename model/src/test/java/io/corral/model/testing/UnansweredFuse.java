package io.corral.model.testing;

import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ProcFs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process stuck in the kernel, for tests of what cannot be frozen: a FUSE file system is
 * mounted (in a private mount namespace, invisible to the rest of the host) on a
 * {@code /dev/fuse} descriptor that nobody ever reads, and a child {@code stat}s a file in
 * it. The kernel queues the request and the child waits in {@code fuse_get_req} until the
 * (never answered) INIT completes: state D, a killable but not freezable sleep. On kernel
 * 6.18 a cgroup2 freeze of its group never completes ({@code frozen 0}); the v1 freezer
 * does freeze it. SIGKILL ends the child; ending the holder closes the descriptor, which
 * aborts the connection, and the namespace (with its mount) goes when both are gone.
 */
public final class UnansweredFuse {
    /** The holder (a shell in the new mount namespace) and the stuck child. */
    public record Stuck(Process holder, long child) {
    }

    private UnansweredFuse() {
    }

    /** Skips the calling test, printing why, unless FUSE, unshare and mount are available. */
    public static void assumeAvailable() {
        String reason = null;
        if (!Files.exists(Path.of("/dev/fuse"))) {
            reason = "no /dev/fuse";
        } else if (!onPath("unshare") || !onPath("mount")) {
            reason = "unshare or mount not installed";
        }
        if (reason != null) {
            System.out.println("SKIPPED stuck-task test: " + reason);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, "stuck-task test skipped: " + reason);
    }

    /**
     * Starts the holder (adopted by {@code lc}, so it and the child are killed after the
     * test) and returns once the child sleeps in the kernel (state D).
     */
    public static Stuck start(LiveCgroups lc, Path mountPoint) throws IOException, InterruptedException {
        String script = "exec 3<>/dev/fuse || exit 1\n"
                + "mount -i -t fuse -o fd=3,rootmode=40000,user_id=0,group_id=0 corral-test \"$1\" || exit 1\n"
                // The child must not hold the descriptor: closing it is what ends the stall.
                + "stat \"$1\"/x >/dev/null 2>&1 3>&- &\n"
                + "echo $!\n"
                + "wait\n";
        Process holder = new ProcessBuilder(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                script, "corral-fuse", mountPoint.toString())).redirectErrorStream(true).start();
        lc.own(holder);
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.strip().matches("[0-9]+")) {
            holder.waitFor(5, TimeUnit.SECONDS);
            throw new IOException("the FUSE holder did not start a child: " + line);
        }
        long child = Long.parseLong(line.strip());
        for (int i = 0; i < 500; i++) {
            if (state(child) == 'D') {
                return new Stuck(holder, child);
            }
            Thread.sleep(10);
        }
        throw new IOException("child " + child + " did not block in the kernel (state " + state(child) + ")");
    }

    /** The state letter of {@code /proc/PID/stat}, or '?' when it is gone or unreadable. */
    public static char state(long pid) {
        try {
            return ProcFs.live().stat(pid).map(s -> s.state().letter()).orElse('?');
        } catch (KernelException | MalformedFileException e) {
            return '?';
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
