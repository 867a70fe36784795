package io.corral.model.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads CRIU's log the way a person would: the first error line and what led to it. */
public final class CriuLog {
    private static final int BEFORE = 4;
    private static final int AFTER = 2;

    private CriuLog() {
    }

    /** The first {@code Error (file:line): ...} line, if the log has one. */
    public static Optional<String> errorLine(String log) {
        return log.lines().filter(CriuLog::isError).findFirst().map(String::strip);
    }

    /** The first error line with {@value #BEFORE} lines before and {@value #AFTER} after; or the last lines. */
    public static String excerpt(String log) {
        List<String> lines = log.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isError(lines.get(i))) {
                at = i;
                break;
            }
        }
        int from = at < 0 ? Math.max(0, lines.size() - BEFORE - AFTER - 1) : Math.max(0, at - BEFORE);
        int to = at < 0 ? lines.size() : Math.min(lines.size(), at + AFTER + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i == at ? ">> " : "   ").append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }

    public static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // A log written by a killed CRIU may be cut mid-character.
            try {
                return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                return "";
            }
        }
    }

    private static boolean isError(String line) {
        return (line.contains("Error (") || line.startsWith("Error:") || line.contains("BUG at"))
                && BENIGN.stream().noneMatch(line::contains);
    }

    /**
     * Errors CRIU logs and then carries on from. It tries to raise RLIMIT_NOFILE above the
     * hard limit of its parent (20 000 on our machines) and logs EPERM as an error.
     */
    private static final List<String> BENIGN = List.of("Can't setup RLIMIT_NOFILE");
}
