package io.corral.model.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * uid to user name from the host's {@code /etc/passwd} (no NSS: users known only to LDAP
 * or systemd-homed show as numbers). Re-read when the file's modification time changes.
 */
final class UserNames {
    private final Path passwd;
    private FileTime loadedAt;
    private Map<Integer, String> names = Map.of();

    UserNames(Path passwd) {
        this.passwd = passwd;
    }

    synchronized Optional<String> name(int uid) {
        try {
            FileTime t = Files.getLastModifiedTime(passwd);
            if (!t.equals(loadedAt)) {
                names = parse(Files.readString(passwd, StandardCharsets.UTF_8));
                loadedAt = t;
            }
        } catch (IOException e) {
            names = Map.of();
            loadedAt = null;
        }
        return Optional.ofNullable(names.get(uid));
    }

    static Map<Integer, String> parse(String text) {
        Map<Integer, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty() && !line.startsWith("#")) {
                try {
                    m.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                } catch (NumberFormatException ignored) {
                    // a malformed line names no one
                }
            }
        }
        return m;
    }
}
