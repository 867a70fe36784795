package io.corral.model.proc;

import io.corral.model.kernel.ExternalProgram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SIGCONT for processes a killed CRIU may have left stopped. Java can send SIGTERM and
 * SIGKILL ({@link ProcessHandle#destroy}) but no other signal, so this runs {@code kill -CONT}.
 */
public final class ContinueSignal {
    private ContinueSignal() {
    }

    /** Sends SIGCONT to each pid; best effort (the caller re-reads the states afterwards). */
    public static void send(List<Long> pids) throws InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-CONT", "--"));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        try {
            Path log = Files.createTempFile("corral-kill", ".log");
            ExternalProgram.run(cmd, Map.of(), Duration.ofSeconds(5), log);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // nothing more we can do; the caller re-reads the state
        }
    }
}
