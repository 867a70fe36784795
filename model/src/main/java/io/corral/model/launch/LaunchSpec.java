package io.corral.model.launch;

import io.corral.model.namespace.NamespaceType;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to launch: the command and its arguments (passed as they are, never through a
 * shell string), where, with which new namespaces, and into which groups.
 *
 * @param command      program and arguments
 * @param workingDir   working directory, or the launcher's own
 * @param environment  variables added to (or replacing) the inherited environment
 * @param namespaces   namespace types to create new
 * @param userMapping  id maps of a new user namespace (ignored without {@link NamespaceType#USER})
 * @param groups       group directories (one per hierarchy) the process must be in from its first instruction
 */
public record LaunchSpec(List<String> command, Optional<Path> workingDir, Map<String, String> environment,
                         Set<NamespaceType> namespaces, UserMapping userMapping, List<Path> groups) {
    public LaunchSpec {
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("no command to launch");
        }
        Objects.requireNonNull(workingDir);
        environment = Map.copyOf(new LinkedHashMap<>(environment));
        namespaces = namespaces.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(namespaces));
        Objects.requireNonNull(userMapping);
        groups = List.copyOf(groups);
        if (!(userMapping instanceof UserMapping.Unmapped)) {
            EnumSet<NamespaceType> withUser = namespaces.isEmpty() ? EnumSet.noneOf(NamespaceType.class)
                    : EnumSet.copyOf(namespaces);
            withUser.add(NamespaceType.USER);
            namespaces = Set.copyOf(withUser);
        }
    }

    public static LaunchSpec of(List<String> command, Set<NamespaceType> namespaces, List<Path> groups) {
        return new LaunchSpec(command, Optional.empty(), Map.of(), namespaces, UserMapping.UNMAPPED, groups);
    }

    public boolean creates(NamespaceType type) {
        return namespaces.contains(type);
    }

    /**
     * A new pid or time namespace applies only to children: unshare must fork, and the
     * forked child becomes the namespace's init (PID 1).
     */
    public boolean forks() {
        return creates(NamespaceType.PID) || creates(NamespaceType.TIME);
    }

    public LaunchSpec withGroups(List<Path> groups) {
        return new LaunchSpec(command, workingDir, environment, namespaces, userMapping, groups);
    }
}
