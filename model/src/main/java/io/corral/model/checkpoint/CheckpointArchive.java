package io.corral.model.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Export of one catalog entry to a single tar archive ({@code ID/manifest.json},
 * {@code ID/images/...}) and import back. Import trusts nothing: only plain files and
 * directories under one checkpoint id, no absolute names, no {@code ..}, no links or
 * devices, and every file must match the manifest's size and SHA-256 before the entry is
 * renamed into the catalog.
 */
public final class CheckpointArchive {
    private final Catalog catalog;

    public CheckpointArchive(Catalog catalog) {
        this.catalog = catalog;
    }

    public void export(String id, Path archive) throws CheckpointException, IOException {
        Catalog.Entry e = catalog.get(id);
        if (!e.readable()) {
            throw new CheckpointException("checkpoint " + id + " cannot be exported: " + e.problem().orElse(""));
        }
        Path tmp = archive.resolveSibling(archive.getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            long now = System.currentTimeMillis() / 1000;
            Ustar.writeHeader(out, id + "/", '5', 0, now);
            addFile(out, id + "/" + Manifest.FILE, e.dir().resolve(Manifest.FILE), now);
            Ustar.writeHeader(out, id + "/" + Catalog.IMAGES + "/", '5', 0, now);
            try (Stream<Path> s = Files.list(e.dir().resolve(Catalog.IMAGES))) {
                for (Path p : s.sorted().toList()) {
                    addFile(out, id + "/" + Catalog.IMAGES + "/" + p.getFileName(), p, now);
                }
            }
            Ustar.finish(out);
        }
        Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void addFile(OutputStream out, String name, Path p, long now) throws IOException {
        long size = Files.size(p);
        Ustar.writeHeader(out, name, '0', size, now);
        try (InputStream in = Files.newInputStream(p)) {
            if (in.transferTo(out) != size) {
                throw new IOException(p + " changed while it was exported");
            }
        }
        Ustar.pad(out, size);
    }

    /** Imports an archive; returns the new entry's id. Nothing is listed unless every check passed. */
    public String importArchive(Path archive) throws CheckpointException, IOException {
        java.util.Optional<String> problem = catalog.rootProblem();
        if (problem.isPresent()) {
            throw new CheckpointException(problem.get());
        }
        Path staging = catalog.root().resolve(".import-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(staging);
        try {
            String id = unpack(archive, staging);
            Path dir = staging.resolve(id);
            Manifest m;
            try {
                m = Manifest.fromJson(Files.readAllBytes(dir.resolve(Manifest.FILE)));
            } catch (IOException e) {
                throw new CheckpointException("archive has no readable manifest: " + e.getMessage(), e);
            }
            if (!id.equals(m.id())) {
                throw new CheckpointException("archive directory " + id + " holds the manifest of " + m.id());
            }
            Set<String> listed = new HashSet<>();
            for (Manifest.FileRecord f : m.files()) {
                listed.add(f.name());
                Path p = dir.resolve(Catalog.IMAGES).resolve(f.name()).normalize();
                if (!p.startsWith(dir.resolve(Catalog.IMAGES)) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new CheckpointException("archive lacks " + f.name());
                }
                if (Files.size(p) != f.size() || !Catalog.sha256(p).equals(f.sha256())) {
                    throw new CheckpointException("archive file " + f.name() + " does not match its SHA-256 in the manifest");
                }
            }
            try (Stream<Path> s = Files.list(dir.resolve(Catalog.IMAGES))) {
                Optional<Path> extra = s.filter(p -> !listed.contains(p.getFileName().toString())).findFirst();
                if (extra.isPresent()) {
                    throw new CheckpointException("archive has " + extra.get().getFileName() + ", which the manifest does not list");
                }
            }
            Path target = catalog.dir(id);
            if (Files.exists(target)) {
                throw new CheckpointException("the catalog already has checkpoint " + id);
            }
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } finally {
            CriuSelfTest.deleteTree(staging);
        }
    }

    /** Unpacks into {@code into}, refusing anything but files and directories under one checkpoint id. */
    private static String unpack(Path archive, Path into) throws CheckpointException, IOException {
        String id = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            for (Optional<Ustar.Header> oh = Ustar.readHeader(in); oh.isPresent(); oh = Ustar.readHeader(in)) {
                Ustar.Header h = oh.get();
                String name = h.name();
                if (name.startsWith("/")) {
                    throw new CheckpointException("archive member " + name + " has an absolute name");
                }
                List<String> parts = Stream.of(name.split("/")).filter(p -> !p.isEmpty()).toList();
                if (parts.contains("..") || parts.contains(".")) {
                    throw new CheckpointException("archive member " + name + " contains \"..\" or \".\"");
                }
                if (!h.isFile() && !h.isDirectory()) {
                    throw new CheckpointException("archive member " + name + " is a " + kind(h.type())
                            + " (only files and directories are accepted)");
                }
                if (parts.isEmpty() || !Catalog.isId(parts.get(0))) {
                    throw new CheckpointException("archive member " + name + " is not inside a checkpoint directory");
                }
                if (id == null) {
                    id = parts.get(0);
                } else if (!id.equals(parts.get(0))) {
                    throw new CheckpointException("archive holds more than one checkpoint (" + id + ", " + parts.get(0) + ")");
                }
                if (parts.size() > 3 || (parts.size() == 3 && !parts.get(1).equals(Catalog.IMAGES))
                        || (parts.size() == 2 && h.isFile() && !parts.get(1).equals(Manifest.FILE))) {
                    throw new CheckpointException("archive member " + name + " is not part of a checkpoint");
                }
                Path p = into.resolve(String.join("/", parts));
                if (h.isDirectory()) {
                    Files.createDirectories(p);
                    continue;
                }
                Files.createDirectories(p.getParent());
                try (OutputStream out = Files.newOutputStream(p, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    long copied = copy(in, out, h.size());
                    if (copied != h.size()) {
                        throw new CheckpointException("archive ends inside " + name);
                    }
                }
                Ustar.skipPad(in, h.size());
            }
        }
        if (id == null) {
            throw new CheckpointException("archive is empty");
        }
        return id;
    }

    private static long copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return size - left;
    }

    private static String kind(char type) {
        return switch (type) {
            case '1' -> "hard link";
            case '2' -> "symbolic link";
            case '3' -> "character device";
            case '4' -> "block device";
            case '6' -> "FIFO";
            default -> "member of type '" + type + "'";
        };
    }
}
