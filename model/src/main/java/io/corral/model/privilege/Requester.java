package io.corral.model.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The user on whose behalf a root process runs: sudo sets {@code SUDO_UID}/{@code SUDO_GID},
 * pkexec sets {@code PKEXEC_UID} (its gid and name come from {@code /etc/passwd}). The
 * privileged helper launches and writes id maps for this user only, and a console started
 * as root this way re-executes itself as this user.
 */
public record Requester(int uid, int gid, String name) {

    /** Empty when neither variable is set (a root login, or a helper started directly). */
    public static Optional<Requester> fromEnvironment(Map<String, String> env, Path etcPasswd) {
        String uidText = env.containsKey("PKEXEC_UID") ? env.get("PKEXEC_UID") : env.get("SUDO_UID");
        if (uidText == null || !uidText.matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        long uid = Long.parseLong(uidText);
        if (uid > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        Optional<Requester> entry = passwd(etcPasswd, (int) uid);
        String gidText = env.containsKey("PKEXEC_UID") ? null : env.get("SUDO_GID");
        if (gidText != null && gidText.matches("[0-9]{1,9}") && entry.isPresent()) {
            return Optional.of(new Requester((int) uid, Integer.parseInt(gidText), entry.get().name()));
        }
        return entry;
    }

    /** The {@code /etc/passwd} entry of {@code uid}, if any. */
    static Optional<Requester> passwd(Path etcPasswd, int uid) {
        try {
            for (String line : Files.readAllLines(etcPasswd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[2].equals(Integer.toString(uid)) && f[3].matches("[0-9]{1,9}")) {
                    return Optional.of(new Requester(uid, Integer.parseInt(f[3]), f[0]));
                }
            }
        } catch (IOException e) {
            // no passwd file: no user to name
        }
        return Optional.empty();
    }

    public boolean isRoot() {
        return uid == 0;
    }
}
