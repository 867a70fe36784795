package io.corral.model.privilege;

import java.util.List;
import java.util.Optional;

/**
 * Why the helper ended before answering, in words that say what to do: the exit status of
 * sudo or pkexec (they exit for themselves before the helper ever ran), a signal, and the
 * last line they wrote on stderr. pkexec exits 126 when the user dismisses its dialog and
 * 127 when polkit refuses (or cannot be asked); sudo exits 1 for a refused or missing
 * password, with its reason on stderr.
 */
final class HelperExit {
    private HelperExit() {
    }

    static String explain(Escalation escalation, Optional<Integer> status, List<String> stderr) {
        String said = stderr.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                .map(l -> ": \"" + CommandDecoder.printable(l.strip()) + "\"").orElse("");
        if (status.isPresent() && status.get() > 128 && status.get() < 160) {
            int signal = status.get() - 128;
            return "the helper was killed (signal " + signal + ") while the request was outstanding; its answer "
                    + "never came, so the change may or may not have been made: the kernel's state is what counts "
                    + "(re-read the group)";
        }
        if (escalation == Escalation.SUDO && status.isPresent() && status.get() == 1 && sudoRefused(stderr)) {
            return "sudo did not start the helper" + said + ". Ask an administrator for a sudoers rule that lets you "
                    + "run the helper (corral privileges --sudoers prints one)";
        }
        if (escalation == Escalation.PKEXEC && status.isPresent() && (status.get() == 126 || status.get() == 127)) {
            return "pkexec did not start the helper (authentication cancelled or refused, status " + status.get() + ")"
                    + said;
        }
        return "the helper ended" + status.map(s -> " with status " + s).orElse("") + " before answering" + said;
    }

    private static boolean sudoRefused(List<String> stderr) {
        return stderr.stream().anyMatch(l -> l.startsWith("sudo:") || l.startsWith("Sorry, user")
                || l.contains("is not in the sudoers file") || l.contains("password is required"));
    }
}
