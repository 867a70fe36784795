package io.corral.model.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs for checkpointing (CRIU, ss, kill): every run has a timeout, its
 * stdout and stderr go to a log file, and the result says whether it timed out. Programs
 * that must start inside groups or namespaces go through {@code launch.Launcher}.
 */
public final class ExternalProgram {
    /** Output kept in a {@link Result}; the log file has all of it. */
    static final int KEPT_OUTPUT = 64 * 1024;

    /** How a run ended. */
    public record Result(List<String> command, int exitCode, boolean timedOut, Duration elapsed, String output,
                         Path log) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** One line for people: the command's name and how it ended. */
        public String describe() {
            String name = command.isEmpty() ? "?" : Path.of(command.get(0)).getFileName().toString();
            if (timedOut) {
                return name + " timed out after " + elapsed.toMillis() + " ms and was killed";
            }
            return name + " exited with status " + exitCode;
        }
    }

    /** A started program. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final Path log;
        private final long startNanos = System.nanoTime();

        private Running(List<String> command, Process process, Path log) {
            this.command = command;
            this.process = process;
            this.log = log;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public Path log() {
            return log;
        }

        /** Kills the program and everything it started (SIGKILL), and waits for it. */
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits up to {@code timeout} without killing; true when the program has ended. */
        public boolean waitFor(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Kills the program (if it still runs) and returns how it ended, as timed out if it had to be killed. */
        public Result killAndCollect() throws InterruptedException {
            boolean done = !process.isAlive();
            if (!done) {
                kill();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            return new Result(command, done ? process.exitValue() : -1, !done, elapsed, readKept(log), log);
        }

        /** Waits up to {@code timeout}; on timeout the program is killed. */
        public Result await(Duration timeout) throws InterruptedException {
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                kill();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            return new Result(command, done ? process.exitValue() : -1, !done, elapsed, readKept(log), log);
        }
    }

    private ExternalProgram() {
    }

    /** Runs a program to completion (or until the timeout kills it). */
    public static Result run(List<String> command, Map<String, String> env, Duration timeout, Path log)
            throws IOException, InterruptedException {
        return start(command, env, log).await(timeout);
    }

    /** Starts a program; stdin is /dev/null, stdout and stderr go to {@code log}. */
    public static Running start(List<String> command, Map<String, String> env, Path log) throws IOException {
        return launch(command, env, log);
    }

    private static Running launch(List<String> command, Map<String, String> env, Path log)
            throws IOException {
        Objects.requireNonNull(log);
        if (log.getParent() != null) {
            Files.createDirectories(log.getParent());
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Running(List.copyOf(command), pb.start(), log);
    }

    /** The tail of a log file (at most {@link #KEPT_OUTPUT} characters), or "" if unreadable. */
    public static String readKept(Path log) {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = Math.max(0, all.length - KEPT_OUTPUT);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first line of a program's output, if any. */
    public static Optional<String> firstLine(String output) {
        return output.lines().filter(l -> !l.isBlank()).findFirst();
    }
}
