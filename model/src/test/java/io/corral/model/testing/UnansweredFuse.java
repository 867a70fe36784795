package io.corral.model.testing;

import io.corral.model.kernel.KernelException;
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
 * mounted (in a private mount namespace, invisible to the rest of the host) whose server
 * answers INIT and then reads every request without ever answering, and a child
 * {@code stat}s a file in it. The child waits in {@code request_wait_answer}; the freezer's
 * wake-up makes FUSE send an INTERRUPT (also unanswered) and wait on, killable but not
 * freezable: state D. On kernel 6.18 neither the v1 freezer ({@code FREEZING}) nor cgroup2
 * ({@code frozen 0}) ever completes. SIGKILL ends the child; killing the server closes the
 * descriptor, which aborts the connection, and the namespace (with its mount) goes when
 * its processes are gone.
 */
public final class UnansweredFuse {
    /** The server: answers INIT (protocol 7.31 is enough for a lookup), then only reads. */
    private static final String SERVER = """
            import os, struct
            request = os.read(3, 1 << 20)
            unique = struct.unpack_from("<Q", request, 8)[0]
            init = struct.pack("<IIIIHHIIHHI", 7, 31, 0, 0, 0, 0, 4096, 1, 0, 0, 0) + bytes(28)
            os.write(3, struct.pack("<IiQ", 16 + len(init), 0, unique) + init)
            while True:
                os.read(3, 1 << 20)
            """;

    /** The holder (a shell in the new mount namespace, parent of server and child) and the stuck child. */
    public record Stuck(Process holder, long child) {
    }

    private UnansweredFuse() {
    }

    /** Skips the calling test, printing why, unless FUSE, unshare, mount and python3 are available. */
    public static void assumeAvailable() {
        String reason = null;
        if (!Files.exists(Path.of("/dev/fuse"))) {
            reason = "no /dev/fuse";
        } else if (!onPath("unshare") || !onPath("mount") || !onPath("python3")) {
            reason = "unshare, mount or python3 (the FUSE server) not installed";
        }
        if (reason != null) {
            System.out.println("SKIPPED stuck-task test: " + reason);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, "stuck-task test skipped: " + reason);
    }

    /**
     * Starts the holder (adopted by {@code lc}, so it, the server and the child are killed
     * after the test) and returns once the child waits for the answer in the kernel.
     */
    public static Stuck start(LiveCgroups lc, Path mountPoint) throws IOException, InterruptedException {
        String script = "exec 3<>/dev/fuse || exit 1\n"
                + "mount -i -t fuse -o fd=3,rootmode=40000,user_id=0,group_id=0 corral-test \"$1\" || exit 1\n"
                + "python3 -c \"$2\" &\n"
                // The child must not hold the descriptor: closing it is what ends the stall.
                + "stat \"$1\"/x >/dev/null 2>&1 3>&- &\n"
                + "echo $!\n"
                + "wait\n";
        Process holder = new ProcessBuilder(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                script, "corral-fuse", mountPoint.toString(), SERVER)).redirectErrorStream(true).start();
        lc.own(holder);
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.strip().matches("[0-9]+")) {
            holder.waitFor(5, TimeUnit.SECONDS);
            throw new IOException("the FUSE holder did not start a child: " + line);
        }
        long child = Long.parseLong(line.strip());
        for (int i = 0; i < 500; i++) {
            if (wchan(child).equals("request_wait_answer")) {
                return new Stuck(holder, child);
            }
            Thread.sleep(10);
        }
        throw new IOException("child " + child + " did not wait for FUSE (wchan " + wchan(child) + ")");
    }

    /** True while the process exists and has not exited. */
    public static boolean isAlive(long pid) {
        return ProcFs.live().alive(pid);
    }

    /** Where the process sleeps in the kernel ({@code /proc/PID/wchan}); empty text if gone. */
    private static String wchan(long pid) {
        try {
            return ProcFs.live().read(pid, "wchan").orElse("").strip();
        } catch (KernelException e) {
            return "";
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
