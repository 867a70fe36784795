package io.corral.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The {@code corral} CLI as a separate JVM (as a real user would run it), for end-to-end tests. */
final class ChildJvm {
    private ChildJvm() {
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    /** {@code java -cp CP io.corral.app.Launcher ARGS}. */
    static List<String> corral(String classpath, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", classpath, "io.corral.app.Launcher"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The test JVM's class path entries (surefire may hide them in a manifest-only jar). */
    static List<Path> entries() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (p.getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    String cp = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String u : cp.trim().split("\\s+")) {
                        out.add(Path.of(URI.create(u)));
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** A new directory under /tmp that every user may read ({@code corral-test-cp-*}). */
    static Path newReadableDir() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "corral-test-cp-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /**
     * Copies what the CLI needs (Corral's classes, picocli, Jackson, JNA) into a new
     * world-readable directory under /tmp, so another user can run it; returns the class path.
     */
    static String readableClasspath(Path into) throws IOException {
        return readableClasspath(into, e -> {
            String s = e.toString();
            String name = e.getFileName().toString();
            boolean ours = s.endsWith("target/classes") || name.startsWith("corral-") && name.endsWith(".jar");
            boolean lib = name.endsWith(".jar") && (name.startsWith("picocli") || name.startsWith("jackson")
                    || name.startsWith("jna"));
            return ours || lib;
        });
    }

    /** Like {@link #readableClasspath(Path)}, for the entries {@code wanted} picks (the console needs them all). */
    static String readableClasspath(Path into, java.util.function.Predicate<Path> wanted) throws IOException {
        List<String> cp = new ArrayList<>();
        int n = 0;
        for (Path e : entries()) {
            if (!wanted.test(e) || !Files.exists(e)) {
                continue;
            }
            Path target = into.resolve((n++) + "-" + e.getFileName());
            if (Files.isDirectory(e)) {
                try (Stream<Path> walk = Files.walk(e)) {
                    for (Path p : walk.toList()) {
                        Path t = target.resolve(e.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.copy(e, target);
            }
            cp.add(target.toString());
        }
        try (Stream<Path> walk = Files.walk(into)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, cp);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
