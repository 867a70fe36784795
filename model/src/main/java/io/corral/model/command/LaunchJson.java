package io.corral.model.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.model.input.InvalidInputException;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.NamespaceType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON form of {@link Command.Launch} and {@link Command.WriteIdMap} (for {@link CommandJson}). */
final class LaunchJson {
    private LaunchJson() {
    }

    static void launch(ObjectNode n, Command.Launch c) {
        LaunchSpec s = c.spec();
        n.put("type", "launch");
        ArrayNode argv = n.putArray("command");
        s.command().forEach(argv::add);
        s.workingDir().ifPresent(d -> n.put("workingDir", d.toString()));
        ObjectNode env = n.putObject("environment");
        s.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        ArrayNode ns = n.putArray("namespaces");
        s.namespaces().stream().map(NamespaceType::procName).sorted().forEach(ns::add);
        if (s.userMapping() instanceof UserMapping.MapRoot) {
            n.put("userMapping", "map-root");
        } else if (s.userMapping() instanceof UserMapping.Explicit x) {
            n.put("userMapping", "explicit").put("uidMap", x.uids().format()).put("gidMap", x.gids().format());
        } else {
            n.put("userMapping", "unmapped");
        }
        ArrayNode groups = n.putArray("groups");
        s.groups().forEach(g -> groups.add(g.toString()));
    }

    static void writeIdMap(ObjectNode n, Command.WriteIdMap c) {
        n.put("type", "write-id-map").put("pid", c.pid()).put("kind", c.kind().name()).put("map", c.map().format());
    }

    static Command.Launch launch(JsonNode n) {
        List<String> argv = new ArrayList<>();
        n.path("command").forEach(a -> argv.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        n.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Set<NamespaceType> ns = EnumSet.noneOf(NamespaceType.class);
        for (JsonNode t : n.path("namespaces")) {
            ns.add(java.util.Arrays.stream(NamespaceType.values()).filter(x -> x.procName().equals(t.asText()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown namespace type " + t)));
        }
        UserMapping mapping = switch (n.path("userMapping").asText("unmapped")) {
            case "map-root" -> new UserMapping.MapRoot();
            case "explicit" -> new UserMapping.Explicit(map(n.path("uidMap").asText()), map(n.path("gidMap").asText()));
            default -> UserMapping.UNMAPPED;
        };
        List<Path> groups = new ArrayList<>();
        n.path("groups").forEach(g -> groups.add(Path.of(g.asText())));
        Optional<Path> dir = n.hasNonNull("workingDir") ? Optional.of(Path.of(n.get("workingDir").asText()))
                : Optional.empty();
        return new Command.Launch(new LaunchSpec(argv, dir, env, ns, mapping, groups));
    }

    static Command.WriteIdMap writeIdMap(JsonNode n) {
        return new Command.WriteIdMap(n.path("pid").asLong(), IdMapKind.valueOf(n.path("kind").asText()),
                map(n.path("map").asText()));
    }

    private static IdMap map(String text) {
        if (text.isBlank()) {
            return IdMap.EMPTY;
        }
        try {
            return IdMap.parse(text);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
