package io.corral.model.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.Setting;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link HostSpec}:
 * <pre>{"format":"corral-spec/1","hierarchies":[{"hierarchy":"memory",
 *   "groups":[{"path":"/web","limits":{"memory.max":"256M"}}]}]}</pre>
 * Reading validates everything as user input: group paths with {@link GroupPath#parse}
 * (no {@code ..}, no interface-file names), limits with the knob parser.
 */
public final class SpecJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpecJson() {
    }

    public static String write(HostSpec spec) {
        ObjectNode root = MAPPER.createObjectNode().put("format", HostSpec.FORMAT);
        ArrayNode hs = root.putArray("hierarchies");
        for (HostSpec.HierarchyGroups h : spec.hierarchies()) {
            ObjectNode hn = hs.addObject().put("hierarchy", h.hierarchy());
            ArrayNode groups = hn.putArray("groups");
            for (HostSpec.GroupEntry g : h.groups()) {
                ObjectNode gn = groups.addObject().put("path", g.path().toString());
                ObjectNode limits = gn.putObject("limits");
                g.limits().forEach(s -> limits.put(s.knob().cliName(), s.value().toString()));
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HostSpec read(String json) throws InvalidInputException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("", "not a JSON document: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("", "a spec is a JSON object with \"format\" and \"hierarchies\"");
        }
        String format = root.path("format").asText();
        if (!format.equals(HostSpec.FORMAT)) {
            throw new InvalidInputException(format, "unknown spec format \"" + format + "\" (expected "
                    + HostSpec.FORMAT + ")");
        }
        List<HostSpec.HierarchyGroups> out = new ArrayList<>();
        for (JsonNode hn : root.path("hierarchies")) {
            String id = hn.path("hierarchy").asText();
            if (id.isEmpty()) {
                throw new InvalidInputException("", "a hierarchy entry has no \"hierarchy\" id");
            }
            List<HostSpec.GroupEntry> groups = new ArrayList<>();
            for (JsonNode gn : hn.path("groups")) {
                GroupPath path = GroupPath.parse(gn.path("path").asText(), GroupName.KNOWN_CONTROLLERS);
                if (path.isRoot()) {
                    throw new InvalidInputException("/", "the root group of " + id + " cannot be part of a spec");
                }
                List<Setting> limits = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> it = gn.path("limits").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    try {
                        limits.add(Setting.parse(e.getKey() + "=" + e.getValue().asText()));
                    } catch (InvalidInputException ex) {
                        throw new InvalidInputException(ex.input(), id + ":" + path + ": " + ex.getMessage());
                    }
                }
                groups.add(new HostSpec.GroupEntry(path, limits));
            }
            out.add(new HostSpec.HierarchyGroups(id, groups));
        }
        return new HostSpec(out);
    }
}
