package io.corral.model.privilege;

import java.util.ArrayList;
import java.util.List;

/**
 * How the console starts its privileged helper (the user chooses, as in Cockpit's
 * "administrative access"): through polkit's {@code pkexec}, through {@code sudo}, or
 * directly (already root, or a remote transport that is privileged by itself).
 */
public enum Escalation {
    /** {@code pkexec PROGRAM ARGS}: a polkit agent asks for the password; PROGRAM must be absolute. */
    PKEXEC,
    /** {@code sudo -- PROGRAM ARGS}: sudo asks on the terminal, or with {@code -A} through SUDO_ASKPASS. */
    SUDO,
    /** The helper command as is. */
    NONE;

    /** The full command line that starts {@code helper} (the {@code corral helper} command) this way. */
    public List<String> command(List<String> helper) {
        if (helper.isEmpty()) {
            throw new IllegalArgumentException("no helper command");
        }
        List<String> out = new ArrayList<>();
        switch (this) {
            case PKEXEC -> {
                if (!helper.get(0).startsWith("/")) {
                    throw new IllegalArgumentException("pkexec needs an absolute program path, not " + helper.get(0));
                }
                out.add("pkexec");
            }
            case SUDO -> {
                out.add("sudo");
                out.add("--");
            }
            case NONE -> {
            }
        }
        out.addAll(helper);
        return out;
    }
}
