package io.corral.model.privilege;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether {@code sudo} and {@code pkexec} can start the privileged helper on this machine,
 * and why not: the GUI's choice and {@code corral privileges} show the same reasons, and
 * {@code corral --admin pkexec} refuses up front instead of failing at the first write.
 * Both must be on PATH and setuid root. pkexec also asks polkitd over the system D-Bus
 * for every authorization: without the bus (no systemd, containers, minimal machines) it
 * can only fail ("Error getting authority"), so it is unusable whatever the user would type.
 */
public final class EscalationAvailability {
    /** The system bus socket's fixed place (dbus-daemon's default; DBUS_SYSTEM_BUS_ADDRESS may move it). */
    static final String SYSTEM_BUS = "/run/dbus/system_bus_socket";

    /** One way of escalating and whether it can work here, with the reason either way. */
    public record Availability(Escalation escalation, boolean usable, String reason) {
        public Availability {
            Objects.requireNonNull(escalation);
            Objects.requireNonNull(reason);
        }

        /** The name people type: {@code sudo} or {@code pkexec}. */
        public String program() {
            return escalation.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
            return program() + ": " + (usable ? "available (" + reason + ")" : "unavailable \u2014 " + reason);
        }
    }

    private final Path hostRoot;
    private final Map<String, String> environment;

    /** @param hostRoot where {@code /} is ({@code /} itself, or a fixture tree in tests) */
    public EscalationAvailability(Path hostRoot, Map<String, String> environment) {
        this.hostRoot = Objects.requireNonNull(hostRoot);
        this.environment = Map.copyOf(environment);
    }

    public static EscalationAvailability live() {
        return new EscalationAvailability(Path.of("/"), System.getenv());
    }

    /** sudo, then pkexec. */
    public List<Availability> all() {
        return List.of(of(Escalation.SUDO), of(Escalation.PKEXEC));
    }

    /** The usable ones, sudo first. */
    public List<Escalation> usable() {
        return all().stream().filter(Availability::usable).map(Availability::escalation).toList();
    }

    public Availability of(Escalation e) {
        return switch (e) {
            case SUDO -> setuidProgram(e, "sudo").orElseGet(() -> new Availability(e, true,
                    "asks for your password on the terminal, or uses a NOPASSWD rule in /etc/sudoers.d"));
            case PKEXEC -> setuidProgram(e, "pkexec").orElseGet(this::pkexecBus);
            case NONE -> new Availability(e, true, "the helper runs directly");
        };
    }

    private Availability pkexecBus() {
        String address = environment.getOrDefault("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + SYSTEM_BUS);
        Optional<String> socket = unixPath(address);
        if (socket.isEmpty()) {
            return new Availability(Escalation.PKEXEC, true, "polkit is reached at " + address);
        }
        if (!Files.exists(onHost(socket.get()))) {
            return new Availability(Escalation.PKEXEC, false, "polkit needs the system D-Bus, and " + socket.get()
                    + " does not exist (no dbus-daemon or polkitd running: typical without systemd or in a "
                    + "container); use sudo");
        }
        return new Availability(Escalation.PKEXEC, true, "polkit asks for your password in a window");
    }

    private static Optional<String> unixPath(String address) {
        for (String part : address.split(";")[0].split("[:,]")) {
            if (part.startsWith("path=")) {
                return Optional.of(part.substring(5));
            }
        }
        return Optional.empty();
    }

    /** Empty when {@code name} is on PATH and setuid root; else why it cannot work. */
    private Optional<Availability> setuidProgram(Escalation e, String name) {
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.startsWith("/")) {
                continue; // a relative PATH entry is not where a setuid program is looked for
            }
            Path p = onHost(dir + "/" + name);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
                boolean setuid = Files.getAttribute(p, "unix:mode") instanceof Integer m && (m & 04000) != 0;
                if (!a.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                        && !a.permissions().contains(PosixFilePermission.GROUP_EXECUTE)) {
                    return Optional.of(new Availability(e, false, dir + "/" + name + " is not executable"));
                }
                if (!setuid || !"root".equals(a.owner().getName())) {
                    return Optional.of(new Availability(e, false, dir + "/" + name + " is not setuid root"));
                }
                return Optional.empty();
            } catch (IOException | UnsupportedOperationException ex) {
                return Optional.of(new Availability(e, false, "cannot inspect " + dir + "/" + name + ": "
                        + ex.getMessage()));
            }
        }
        return Optional.of(new Availability(e, false, name + " is not installed (not found on PATH)"));
    }

    private Path onHost(String absolute) {
        return hostRoot.resolve(absolute.substring(1));
    }
}
