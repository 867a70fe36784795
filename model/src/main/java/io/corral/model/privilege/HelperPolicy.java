package io.corral.model.privilege;

import io.corral.model.command.Command;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.IdMapRange;
import io.corral.model.namespace.NamespaceType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the helper runs for whom. Group commands act on groups, and the requester asked
 * for administrative access to change them: all allowed (the engine still keeps the
 * kernel's rules and refuses protected paths). Launches and id maps act on processes and
 * identities, so for a requester other than root (sudo's or pkexec's invoking user) the
 * helper grants only what that user could get from the system's own setuid tools:
 * <ul>
 * <li>an id map only of a process the user runs, and only onto the user's own id and the
 * subordinate ranges {@code /etc/subuid} / {@code /etc/subgid} give it (newuidmap's rule;
 * mapping host root into a user's namespace would hand out root);</li>
 * <li>a launch runs the command as the user (the launcher drops to the user's ids after
 * the groups and namespaces are made); a new user namespace is refused, since one made
 * by root would not map the user (the user makes those without any helper).</li>
 * </ul>
 */
public final class HelperPolicy {
    private final Optional<Requester> requester;
    private final Path hostRoot;

    /**
     * @param requester the user the helper acts for; empty when the client is root itself
     *                  (a helper started directly, or a root login over a remote transport)
     * @param hostRoot  where {@code /proc} and {@code /etc} are ({@code /}, or a fixture tree)
     */
    public HelperPolicy(Optional<Requester> requester, Path hostRoot) {
        this.requester = Objects.requireNonNull(requester);
        this.hostRoot = Objects.requireNonNull(hostRoot);
    }

    public Optional<Requester> requester() {
        return requester.filter(r -> !r.isRoot());
    }

    /** Empty when {@code c} may run for the requester; else why not, for people. */
    public Optional<String> refusal(Command c) {
        Optional<Requester> user = requester();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (c instanceof Command.Sequence s) {
            for (Command step : s.steps()) {
                Optional<String> r = refusal(step);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        }
        if (c instanceof Command.WriteIdMap m) {
            return idMap(user.get(), m);
        }
        if (c instanceof Command.Launch l) {
            return launch(user.get(), l.spec());
        }
        return Optional.empty();
    }

    private Optional<String> idMap(Requester user, Command.WriteIdMap m) {
        Optional<Integer> owner = realUid(m.pid());
        if (owner.isEmpty()) {
            return Optional.of("process " + m.pid() + " does not exist");
        }
        if (owner.get() != user.uid()) {
            return Optional.of("process " + m.pid() + " runs as uid " + owner.get() + ", not as you (uid " + user.uid()
                    + "): the helper writes id maps only of your own processes");
        }
        boolean uids = m.kind() == IdMapKind.UID;
        List<IdMapRange> allowed = new ArrayList<>();
        long own = uids ? user.uid() : user.gid();
        allowed.add(new IdMapRange(0, own, 1));
        allowed.addAll(subordinate(hostRoot.resolve(uids ? "etc/subuid" : "etc/subgid"), user));
        for (IdMapRange r : m.map().ranges()) {
            boolean inside = allowed.stream().anyMatch(a -> r.outside() >= a.outside() && r.outsideEnd() <= a.outsideEnd());
            if (!inside) {
                return Optional.of(m.kind().file() + ": outside ids " + r.outside() + "-" + (r.outsideEnd() - 1)
                        + " are not yours; you may map your own " + (uids ? "uid " : "gid ") + own + " and the ranges "
                        + (uids ? "/etc/subuid" : "/etc/subgid") + " gives " + user.name() + describe(allowed.subList(1,
                        allowed.size())));
            }
        }
        return Optional.empty();
    }

    private static String describe(List<IdMapRange> ranges) {
        if (ranges.isEmpty()) {
            return " (none)";
        }
        return " (" + String.join(", ", ranges.stream().map(r -> r.outside() + "-" + (r.outsideEnd() - 1)).toList())
                + ")";
    }

    private static Optional<String> launch(Requester user, LaunchSpec spec) {
        if (spec.creates(NamespaceType.USER) || !(spec.userMapping() instanceof UserMapping.Unmapped)) {
            return Optional.of("a launch into a new user namespace runs as you, without administrative access "
                    + "(the helper would make the namespace as root, and it would not map uid " + user.uid() + ")");
        }
        String program = spec.command().get(0);
        if (program.startsWith("-") || program.contains("=")) {
            return Optional.of("the program name \"" + CommandDecoder.printable(program)
                    + "\" starts with '-' or contains '=': name it by its path");
        }
        return Optional.empty();
    }

    /** {@code NAME:FIRST:COUNT} lines for the user's name or uid (subuid(5)). */
    static List<IdMapRange> subordinate(Path file, Requester user) {
        List<IdMapRange> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split(":");
                if (f.length == 3 && (f[0].equals(user.name()) || f[0].equals(Integer.toString(user.uid())))
                        && f[1].matches("[0-9]{1,10}") && f[2].matches("[1-9][0-9]{0,9}")) {
                    out.add(new IdMapRange(0, Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            }
        } catch (IOException e) {
            // no such file: no subordinate ids
        }
        return out;
    }

    private Optional<Integer> realUid(long pid) {
        try {
            for (String line : Files.readAllLines(hostRoot.resolve("proc/" + pid + "/status"))) {
                if (line.startsWith("Uid:")) {
                    return Optional.of(Integer.parseInt(line.substring(4).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited, or not a process
        }
        return Optional.empty();
    }
}
