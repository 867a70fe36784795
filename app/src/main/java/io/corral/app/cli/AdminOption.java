package io.corral.app.cli;

import io.corral.model.command.CommandResult;
import io.corral.model.command.Failure;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.Errno;
import io.corral.model.privilege.Escalation;
import io.corral.model.privilege.EscalationAvailability;
import io.corral.model.privilege.Privileges;

import java.util.List;
import java.util.Optional;

/**
 * {@code corral --admin sudo|pkexec ...}: which escalation a write goes through, refused up
 * front when it cannot work here (pkexec without a system bus); and the hint a normal user
 * gets when the kernel refused a change for permission without the flag.
 */
final class AdminOption {
    private AdminOption() {
    }

    static Optional<Escalation> parse(String value) throws InvalidInputException {
        if (value == null) {
            return Optional.empty();
        }
        Escalation e = switch (value) {
            case "sudo" -> Escalation.SUDO;
            case "pkexec" -> Escalation.PKEXEC;
            default -> throw new InvalidInputException(value, "--admin takes sudo or pkexec, not \"" + value + "\"");
        };
        EscalationAvailability.Availability a = EscalationAvailability.live().of(e);
        if (!a.usable()) {
            throw new InvalidInputException(value, "--admin " + value + " cannot work here: " + a.reason());
        }
        return Optional.of(e);
    }

    /**
     * "corral: uid N may not make this change; with administrative access: corral --admin
     * sudo ARGS" when the kernel refused a write with EACCES/EPERM and this process is a
     * known normal user.
     */
    static Optional<String> hint(CommandResult r, CliHost host, List<String> args) {
        List<Failure> failures = r instanceof CommandResult.Rejected j ? j.failures()
                : r instanceof CommandResult.Partial p ? p.failures() : List.of();
        // Only the kernel's own refusals: Corral's rules (a protected path, its own group)
        // carry EPERM too, and no escalation would change them.
        boolean denied = failures.stream().filter(Failure::written).map(Failure::errno)
                .anyMatch(e -> e == Errno.EACCES || e == Errno.EPERM);
        if (!denied) {
            return Optional.empty();
        }
        Privileges p = Privileges.ofThisProcess(host.fs());
        if (p.isRoot() || p.uid() < 0) {
            return Optional.empty();
        }
        List<Escalation> usable = EscalationAvailability.live().usable();
        String rerun = String.join(" ", args.stream().map(AdminOption::quote).toList());
        if (usable.isEmpty()) {
            return Optional.of("corral: uid " + p.uid() + " may not make this change, and neither sudo nor pkexec "
                    + "can work here (see corral privileges GROUP)");
        }
        return Optional.of("corral: uid " + p.uid() + " may not make this change; with administrative access: "
                + String.join(" or ", usable.stream().map(e -> "corral --admin " + e.name().toLowerCase() + " "
                + rerun).toList()));
    }

    private static String quote(String w) {
        return !w.isEmpty() && w.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)
                ? w : "'" + w.replace("'", "'\\''") + "'";
    }
}
