package io.corral.model.checkpoint;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run CRIU on this host: a command prefix (a path, or a loader plus arguments) and
 * extra environment (e.g. {@code CRIU_FAULT=130}, which older CRIU needs not to hang here).
 *
 * @param prefix program and leading arguments; CRIU's own arguments follow
 * @param env    extra environment variables
 * @param source where it was found, for people ("configured", "provisioned", "PATH")
 */
public record CriuCommand(List<String> prefix, Map<String, String> env, String source) {
    /** Where {@code scripts/provision-criu.sh} installs its wrapper. */
    public static final Path PROVISIONED = Path.of("/opt/corral-criu/bin/criu");

    public CriuCommand {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("empty CRIU command");
        }
        prefix = List.copyOf(prefix);
        env = Map.copyOf(env);
    }

    public static CriuCommand of(Path program, String source) {
        return new CriuCommand(List.of(program.toString()), Map.of(), source);
    }

    /**
     * Finds CRIU: the configured path first, then the provisioned wrapper, then
     * {@code criu} on {@code PATH}.
     */
    public static Optional<CriuCommand> locate(Optional<Path> configured) {
        return locate(configured, PROVISIONED, System.getenv().getOrDefault("PATH", ""));
    }

    static Optional<CriuCommand> locate(Optional<Path> configured, Path provisioned, String pathVariable) {
        if (configured.isPresent()) {
            return Optional.of(of(configured.get(), "configured"));
        }
        if (Files.isExecutable(provisioned)) {
            return Optional.of(of(provisioned, "provisioned"));
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "criu");
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(of(p, "PATH"));
            }
        }
        return Optional.empty();
    }

    /** The full command line for CRIU arguments. */
    public List<String> line(List<String> args) {
        List<String> l = new ArrayList<>(prefix);
        l.addAll(args);
        return l;
    }

    public List<String> line(String... args) {
        return line(List.of(args));
    }

    public CriuCommand withEnv(String name, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(name, value);
        return new CriuCommand(prefix, e, source);
    }

    /** Shell-like text for logs and reports. */
    public String display() {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
        sb.append(String.join(" ", prefix));
        return sb.toString();
    }
}
