package io.corral.model.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where launched commands write their output: {@code $XDG_DATA_HOME/corral/logs/}, by
 * default {@code ~/.local/share/corral/logs/} (XDG Base Directory spec; a relative
 * XDG_DATA_HOME is invalid and ignored).
 */
public record LogDirectory(Path dir) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public static LogDirectory fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static LogDirectory fromEnvironment(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : home.resolve(".local/share");
        return new LogDirectory(data.resolve("corral").resolve("logs"));
    }

    /** Creates a new, empty log file named after the time and the command's base name. */
    public Path newLogFile(String command) throws IOException {
        Files.createDirectories(dir);
        String base = Path.of(command).getFileName() == null ? "command" : Path.of(command).getFileName().toString();
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        Path file = dir.resolve(LocalDateTime.now().format(STAMP) + "-" + base + "-" + HexFormat.of().formatHex(b) + ".log");
        return Files.createFile(file);
    }
}
