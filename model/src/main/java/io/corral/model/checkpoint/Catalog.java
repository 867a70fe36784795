package io.corral.model.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints on disk: one directory per checkpoint ({@code ID/manifest.json},
 * {@code ID/images/*}). A checkpoint is written under {@code .staging-ID.PID} and renamed
 * into place only when complete, so a listed entry is never half written. Deleted entries
 * go to {@code .trash/} first; logs of failed dumps are kept in {@code .failed/}.
 */
public final class Catalog {
    static final String STAGING = ".staging-";
    static final String IMAGES = "images";
    private static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9a-f]{4}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A listed checkpoint: its manifest, or why it cannot be read. */
    public record Entry(String id, Path dir, Optional<Manifest> manifest, Optional<String> problem) {
        public boolean readable() {
            return manifest.isPresent() && problem.isEmpty();
        }
    }

    /** Result of {@link #verify}: restorable only with no problems. */
    public record Verification(String id, List<String> problems) {
        public boolean restorable() {
            return problems.isEmpty();
        }
    }

    private final Path root;

    public Catalog(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code $XDG_DATA_HOME/corral/checkpoints}, by default {@code ~/.local/share/corral/checkpoints}. */
    public static Path defaultRoot(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("corral").resolve("checkpoints");
    }

    public Path root() {
        return root;
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String newId() {
        return LocalDateTime.now().format(STAMP) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    public Path dir(String id) throws CheckpointException {
        if (!isId(id)) {
            throw new CheckpointException("\"" + id + "\" is not a checkpoint id (like 20260101-120000-ab12)");
        }
        return root.resolve(id);
    }

    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (isId(name) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(read(name, p));
                }
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public Entry get(String id) throws CheckpointException {
        Path d = dir(id);
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            throw new CheckpointException("no checkpoint " + id + " in " + root);
        }
        return read(id, d);
    }

    private static Entry read(String id, Path dir) {
        try {
            Manifest m = Manifest.fromJson(Files.readAllBytes(dir.resolve(Manifest.FILE)));
            if (!id.equals(m.id())) {
                return new Entry(id, dir, Optional.of(m), Optional.of("manifest names another id (" + m.id() + ")"));
            }
            return new Entry(id, dir, Optional.of(m), Optional.empty());
        } catch (IOException e) {
            return new Entry(id, dir, Optional.empty(), Optional.of("manifest unreadable: " + e.getMessage()));
        }
    }

    /** Checks the manifest and every file's size and SHA-256; any difference flags the entry. */
    public Verification verify(String id) throws CheckpointException {
        Entry e = get(id);
        List<String> problems = new ArrayList<>();
        e.problem().ifPresent(problems::add);
        if (e.manifest().isEmpty()) {
            return new Verification(id, problems);
        }
        Path images = e.dir().resolve(IMAGES);
        boolean inventory = false;
        for (Manifest.FileRecord f : e.manifest().get().files()) {
            inventory |= f.name().equals("inventory.img");
            Path p = images.resolve(f.name()).normalize();
            if (!p.startsWith(images) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(f.name() + " is missing");
                continue;
            }
            try {
                long size = Files.size(p);
                if (size != f.size()) {
                    problems.add(f.name() + " has " + size + " bytes, the manifest says " + f.size());
                } else if (!sha256(p).equals(f.sha256())) {
                    problems.add(f.name() + " does not match its SHA-256 (corrupted)");
                }
            } catch (IOException ex) {
                problems.add(f.name() + " unreadable: " + ex.getMessage());
            }
        }
        if (!inventory) {
            problems.add("inventory.img is not in the manifest");
        }
        return new Verification(id, problems);
    }

    /** Moves the entry to {@code .trash/} (a rename, so it leaves the list at once), then removes it. */
    public void delete(String id) throws CheckpointException, IOException {
        Path d = get(id).dir();
        Path trash = Files.createDirectories(root.resolve(".trash"));
        Path t = trash.resolve(id + "." + System.nanoTime());
        Files.move(d, t, StandardCopyOption.ATOMIC_MOVE);
        CriuSelfTest.deleteTree(t);
    }

    /** File systems that are kernel interfaces, never storage: a catalog there is a mistake. */
    static final java.util.Set<String> NOT_STORAGE = java.util.Set.of("proc", "sysfs", "cgroup", "cgroup2", "devtmpfs",
            "debugfs", "tracefs", "securityfs", "bpf", "configfs", "pstore", "efivarfs", "mqueue", "fusectl");

    /**
     * Why checkpoints must not be written into this catalog, if so: its directory (or the
     * {@code corral} directory above it) is a symbolic link, another component on the way is
     * a symbolic link that root does not own (a root process following a user's link writes
     * wherever the user points it), or it lies on a kernel interface file system.
     */
    public Optional<String> rootProblem() {
        Path cur = root.getRoot();
        for (Path part : root) {
            cur = cur.resolve(part);
            if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            if (Files.isSymbolicLink(cur)) {
                boolean ours = cur.equals(root) || cur.equals(root.getParent());
                int owner;
                try {
                    owner = ((Number) Files.getAttribute(cur, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue();
                } catch (IOException | UnsupportedOperationException e) {
                    owner = -1;
                }
                if (ours || owner != 0) {
                    return Optional.of("the catalog " + root + " is reached through the symbolic link " + cur
                            + (ours ? "" : " (owned by uid " + owner + ")") + ": refused; give the real directory");
                }
            }
        }
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            try {
                String type = Files.getFileStore(existing).type();
                if (NOT_STORAGE.contains(type)) {
                    return Optional.of("the catalog " + root + " is on a " + type
                            + " file system (a kernel interface, not storage): refused");
                }
            } catch (IOException e) {
                return Optional.of("cannot tell the file system of the catalog " + root + ": " + describe(e));
            }
        }
        return Optional.empty();
    }

    /** Starts writing a checkpoint; nothing is listed until {@link Staging#commit}. */
    public Staging stage(String id) throws CheckpointException {
        Optional<String> problem = rootProblem();
        if (problem.isPresent()) {
            throw new CheckpointException(problem.get());
        }
        Path target = dir(id);
        Path staging = root.resolve(STAGING + id + "." + ProcessHandle.current().pid());
        try {
            Files.createDirectories(root);
            Files.createDirectory(staging);
            Files.createDirectory(staging.resolve(IMAGES));
        } catch (IOException e) {
            throw new CheckpointException("cannot write the catalog " + root + ": " + describe(e), e);
        }
        return new Staging(id, staging, target);
    }

    /** A checkpoint being written. */
    public static final class Staging {
        private final String id;
        private final Path dir;
        private final Path target;

        Staging(String id, Path dir, Path target) {
            this.id = id;
            this.dir = dir;
            this.target = target;
        }

        public String id() {
            return id;
        }

        public Path dir() {
            return dir;
        }

        public Path images() {
            return dir.resolve(IMAGES);
        }

        /** Notes the frozen group, so a console killed mid-dump can offer to thaw it at the next start. */
        public void noteFreezer(Path freezerDir) throws IOException {
            Files.writeString(dir.resolve("freezer"), freezerDir.toString());
        }

        /** Writes and fsyncs the manifest, fsyncs the images, and renames the entry into place. */
        public Path commit(Manifest m) throws IOException {
            if (!Files.isRegularFile(images().resolve("inventory.img"))) {
                throw new IOException("CRIU wrote no inventory.img");
            }
            Files.deleteIfExists(dir.resolve("freezer"));
            Path manifest = dir.resolve(Manifest.FILE);
            Files.write(manifest, m.toJson(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (Stream<Path> s = Files.list(images())) {
                for (Path p : s.toList()) {
                    fsync(p);
                }
            }
            fsync(manifest);
            fsync(images());
            fsync(dir);
            try {
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + dir + " into place", e);
            }
            fsync(target.getParent());
            return target;
        }

        public void abandon() {
            try {
                CriuSelfTest.deleteTree(dir);
            } catch (IOException ignored) {
                // a later start cleans stale staging directories
            }
        }
    }

    /** A staging directory a killed console left behind, and the group it may have left frozen or stopped. */
    public record Leftover(String name, Optional<Path> freezer) {
    }

    /**
     * Staging directories whose writer (the PID in the name) is gone, with the freezer they
     * noted. They are never listed as entries; {@link #removeLeftover} deletes one.
     */
    public List<Leftover> leftovers() {
        List<Leftover> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, STAGING + "*")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                long pid = Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .flatMap(h -> h.info().command()).map(c -> c.endsWith("java")).orElse(false)) {
                    continue; // this or another console is writing it
                }
                Optional<Path> freezer = Optional.empty();
                Path note = p.resolve("freezer");
                if (Files.isRegularFile(note)) {
                    freezer = Optional.of(Path.of(Files.readString(note).strip()));
                }
                out.add(new Leftover(name, freezer));
            }
        } catch (IOException | NumberFormatException e) {
            // unreadable catalog: nothing to recover
        }
        out.sort((x, y) -> x.name().compareTo(y.name()));
        return out;
    }

    public void removeLeftover(Leftover l) throws IOException {
        if (!l.name().startsWith(STAGING) || l.name().contains("/")) {
            throw new IllegalArgumentException(l.name());
        }
        CriuSelfTest.deleteTree(root.resolve(l.name()));
    }

    /** Keeps the log of a failed dump; in the catalog's .failed/ or, if that cannot be written, the temp dir. */
    public Path keepFailedLog(String id, String log) {
        try {
            Path failed = Files.createDirectories(root.resolve(".failed"));
            return Files.writeString(failed.resolve(id + "-dump.log"), log);
        } catch (IOException e) {
            try {
                return Files.writeString(Files.createTempFile("corral-" + id + "-dump", ".log"), log);
            } catch (IOException e2) {
                return root.resolve(".failed").resolve(id + "-dump.log");
            }
        }
    }

    static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    public static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getFile() + ": " + fse.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
