package io.corral.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a directory tree holds, as comparable text: every directory, symlink and file (with
 * its content) below a root. Taken before and after a refused command, it proves that no
 * write, mkdir, rmdir or rename happened, whatever path the code took. On cgroupfs only
 * files the owner may write are read: counters change by themselves, settings do not.
 */
final class TreeDigest {
    private TreeDigest() {
    }

    static List<String> of(Path root, boolean settingsOnly) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.add("L " + rel + " -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add("D " + rel);
                } else if (!settingsOnly || writableAndReadable(p)) {
                    try {
                        out.add("F " + rel + " = " + Files.readString(p).replace("\n", "\\n"));
                    } catch (IOException e) {
                        out.add("F " + rel + " unreadable");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean writableAndReadable(Path p) {
        try {
            String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            return perms.charAt(0) == 'r' && perms.charAt(1) == 'w';
        } catch (IOException e) {
            return false;
        }
    }
}
