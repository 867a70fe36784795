package io.corral.model.privilege;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Command;
import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.NamespaceType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@link CommandDecoder}'s part for the commands that act on processes: {@code launch} and
 * {@code write-id-map}, in {@link io.corral.model.command.CommandJson}'s form, trusting
 * nothing. Group directories of a launch are the one place the form carries paths: each
 * must name a group beneath one of this host's own mounts, and is rebuilt from the mount
 * and the validated names ({@code ..}, interface files and anything outside are refused).
 * Whether the requesting user may have them run is {@link HelperPolicy}'s question.
 */
final class NamespaceCommandDecoder {
    static final int MAX_ARGS = 256;
    static final int MAX_ARG = 4096;
    static final int MAX_ENV = 256;
    static final int MAX_GROUPS = 32;
    /** The kernel's PID_MAX_LIMIT (4M): a larger "pid" is no process. */
    static final long PID_LIMIT = 4L * 1024 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final List<Hierarchy> hierarchies;

    NamespaceCommandDecoder(List<Hierarchy> hierarchies) {
        this.hierarchies = hierarchies;
    }

    Command.WriteIdMap writeIdMap(JsonNode n) throws ProtocolException, InvalidInputException {
        CommandDecoder.only(n, Set.of("type", "pid", "kind", "map"));
        JsonNode pid = n.get("pid");
        if (pid == null || !pid.isIntegralNumber() || !pid.canConvertToLong() || pid.asLong() <= 0
                || pid.asLong() > PID_LIMIT) {
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"pid\" must be a JSON integer from 1 to "
                    + PID_LIMIT);
        }
        String kind = CommandDecoder.text(n, "kind", 8);
        if (!kind.equals("UID") && !kind.equals("GID")) {
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"kind\" must be UID or GID, not \""
                    + CommandDecoder.printable(kind) + "\"");
        }
        IdMap map = IdMap.parse(CommandDecoder.text(n, "map", IdMap.MAX_BYTES));
        if (map.isEmpty()) {
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"map\" is empty");
        }
        return new Command.WriteIdMap(pid.asLong(), IdMapKind.valueOf(kind), map);
    }

    Command.Launch launch(JsonNode n) throws ProtocolException, InvalidInputException {
        CommandDecoder.only(n, Set.of("type", "command", "workingDir", "environment", "namespaces", "userMapping",
                "uidMap", "gidMap", "groups"));
        List<String> argv = strings(n.get("command"), "command", 1, MAX_ARGS);
        Optional<Path> dir = Optional.empty();
        if (n.hasNonNull("workingDir")) {
            dir = Optional.of(absolute(CommandDecoder.text(n, "workingDir", MAX_ARG), "workingDir"));
        }
        Map<String, String> env = environment(n.get("environment"));
        Set<NamespaceType> ns = EnumSet.noneOf(NamespaceType.class);
        for (String t : strings(n.get("namespaces"), "namespaces", 0, NamespaceType.values().length)) {
            ns.add(NamespaceType.ofProcName(t).orElseThrow(() -> new ProtocolException(ProtocolError.INVALID_ARGUMENT,
                    "\"" + CommandDecoder.printable(t) + "\" is not a namespace type")));
        }
        String mapping = n.has("userMapping") ? CommandDecoder.text(n, "userMapping", 16) : "unmapped";
        UserMapping user = switch (mapping) {
            case "unmapped" -> UserMapping.UNMAPPED;
            case "map-root" -> new UserMapping.MapRoot();
            case "explicit" -> new UserMapping.Explicit(IdMap.parse(CommandDecoder.text(n, "uidMap", IdMap.MAX_BYTES)),
                    IdMap.parse(CommandDecoder.text(n, "gidMap", IdMap.MAX_BYTES)));
            default -> throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"userMapping\" must be unmapped, "
                    + "map-root or explicit");
        };
        List<Path> groups = new ArrayList<>();
        for (String g : strings(n.get("groups"), "groups", 0, MAX_GROUPS)) {
            groups.add(group(g));
        }
        return new Command.Launch(new LaunchSpec(argv, dir, env, ns, user, groups));
    }

    /** A group directory rebuilt from one of this host's mounts and validated names. */
    private Path group(String text) throws ProtocolException, InvalidInputException {
        Path p = absolute(text, "groups");
        // The longest mount that holds it (a v1 hierarchy may be mounted inside the v2 one).
        List<Hierarchy> byDepth = hierarchies.stream().sorted(java.util.Comparator.comparingInt(
                (Hierarchy h) -> Path.of(h.mount()).getNameCount()).reversed()).toList();
        for (Hierarchy h : byDepth) {
            Path mount = Path.of(h.mount());
            if (p.startsWith(mount)) {
                Set<String> reserved = new TreeSet<>(GroupName.KNOWN_CONTROLLERS);
                reserved.addAll(h.controllers());
                GroupPath gp = GroupPath.parse("/" + mount.relativize(p), reserved);
                Path dir = mount;
                for (String name : gp.names()) {
                    dir = dir.resolve(name);
                }
                return dir;
            }
        }
        throw new ProtocolException(ProtocolError.UNKNOWN_HIERARCHY, "\"" + CommandDecoder.printable(text)
                + "\" is not beneath any cgroup mount of this host");
    }

    /** Absolute, normal (no {@code .} or {@code ..}, no doubled slash), without NUL. */
    private static Path absolute(String text, String field) throws ProtocolException {
        if (!text.startsWith("/") || text.indexOf('\0') >= 0 || !Path.of(text).normalize().toString().equals(text)
                && !text.equals("/")) {
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"" + field + "\" must be a normal absolute "
                    + "path, not \"" + CommandDecoder.printable(text) + "\"");
        }
        return Path.of(text);
    }

    private static Map<String, String> environment(JsonNode e) throws ProtocolException {
        Map<String, String> env = new LinkedHashMap<>();
        if (e == null) {
            return env;
        }
        if (!e.isObject() || e.size() > MAX_ENV) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"environment\" must be an object of at most "
                    + MAX_ENV + " NAME: value strings");
        }
        Iterator<Map.Entry<String, JsonNode>> it = e.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> v = it.next();
            if (!ENV_NAME.matcher(v.getKey()).matches()) {
                throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"" + CommandDecoder.printable(v.getKey())
                        + "\" is not an environment variable name");
            }
            if (!v.getValue().isTextual() || v.getValue().asText().length() > MAX_ARG
                    || v.getValue().asText().indexOf('\0') >= 0) {
                throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "environment " + v.getKey()
                        + " must be a string of at most " + MAX_ARG + " characters without NUL");
            }
            env.put(v.getKey(), v.getValue().asText());
        }
        return env;
    }

    private static List<String> strings(JsonNode a, String field, int min, int max) throws ProtocolException {
        if (a == null && min == 0) {
            return List.of();
        }
        if (a == null || !a.isArray() || a.size() < min || a.size() > max) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"" + field + "\" must be an array of " + min + ".."
                    + max + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : a) {
            if (!s.isTextual() || s.asText().length() > MAX_ARG || s.asText().indexOf('\0') >= 0) {
                throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"" + field + "\" holds "
                        + CommandDecoder.printable(s.toString()) + ": each must be a string of at most "
                        + MAX_ARG + " characters without NUL");
            }
            out.add(s.asText());
        }
        return out;
    }
}
