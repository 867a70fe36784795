package io.corral.model.privilege;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.DecimalPid;
import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.Setting;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a command record from JSON on the privileged side, trusting nothing: every field
 * is checked against the fields the type has, every group path goes through
 * {@link GroupPath#parse} (so {@code ..}, {@code /abs} components and interface-file names
 * never reach a path), hierarchies are looked up by id among this host's own mounts (a
 * mount path sent by the client is compared, never used), PIDs must be JSON integers in
 * the kernel's range. The format is {@link io.corral.model.command.CommandJson}'s, so a
 * client encodes with it.
 */
public final class CommandDecoder {
    static final int MAX_IDS = 4096;
    static final int MAX_STEPS = 256;
    static final int MAX_DEPTH = 4;
    private static final Pattern CONTROLLER = Pattern.compile("[a-z_]{1,32}");

    private static final Set<String> GROUP = Set.of("type", "hierarchy", "path");

    private final List<Hierarchy> hierarchies;
    private final NamespaceCommandDecoder namespaces;

    public CommandDecoder(List<Hierarchy> hierarchies) {
        this.hierarchies = List.copyOf(hierarchies);
        this.namespaces = new NamespaceCommandDecoder(this.hierarchies);
    }

    public Command decode(JsonNode n) throws ProtocolException {
        return decode(n, 0);
    }

    private Command decode(JsonNode n, int depth) throws ProtocolException {
        if (n == null || !n.isObject()) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"command\" must be a JSON object");
        }
        String type = text(n, "type", 32);
        try {
            return switch (type) {
                case "create-group" -> new Command.CreateGroup(group(only(n, GROUP)));
                case "remove-group" -> new Command.RemoveGroup(group(only(n, GROUP)));
                case "freeze" -> new Command.Freeze(group(only(n, GROUP)));
                case "thaw" -> new Command.Thaw(group(only(n, GROUP)));
                case "kill-all" -> new Command.KillAll(group(only(n, GROUP)));
                case "rename-group" -> {
                    GroupRef g = group(only(n, plus(GROUP, "newName")));
                    yield new Command.RenameGroup(g, GroupName.validate(text(n, "newName", 1024),
                            g.hierarchy().controllers()));
                }
                case "move-tasks" -> {
                    GroupRef g = group(only(n, plus(GROUP, "threads", "ids")));
                    yield new Command.MoveTasks(g, ids(n.get("ids")), bool(n, "threads"));
                }
                case "move-all-tasks" -> {
                    GroupRef target = group(only(n, plus(GROUP, "source")));
                    GroupPath source = path(target.hierarchy(), text(n, "source", 8192));
                    yield new Command.MoveAllTasks(new GroupRef(target.hierarchy(), source), target);
                }
                case "enable-controllers" -> new Command.EnableControllers(
                        group(only(n, plus(GROUP, "controllers"))), controllers(n.get("controllers")));
                case "disable-controllers" -> new Command.DisableControllers(
                        group(only(n, plus(GROUP, "controllers"))), controllers(n.get("controllers")));
                case "set-limits" -> new Command.SetLimits(group(only(n, plus(GROUP, "settings"))),
                        settings(n.get("settings")));
                case "launch" -> namespaces.launch(n);
                case "write-id-map" -> namespaces.writeIdMap(n);
                case "sequence" -> sequence(only(n, Set.of("type", "description", "steps", "allOrNothing")), depth);
                default -> throw new ProtocolException(ProtocolError.UNKNOWN_COMMAND, "unknown command type \""
                        + printable(type) + "\"");
            };
        } catch (InvalidInputException e) {
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, e.getMessage());
        } catch (IllegalArgumentException e) {
            // The records' own invariants (no root group for create, no empty id list, ...).
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, e.getMessage());
        }
    }

    private Command sequence(JsonNode n, int depth) throws ProtocolException {
        if (depth >= MAX_DEPTH) {
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "sequences nest at most " + MAX_DEPTH + " deep");
        }
        JsonNode steps = n.get("steps");
        if (steps == null || !steps.isArray() || steps.size() > MAX_STEPS) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"steps\" must be an array of at most "
                    + MAX_STEPS + " commands");
        }
        List<Command> out = new ArrayList<>();
        for (JsonNode s : steps) {
            out.add(decode(s, depth + 1));
        }
        return new Command.Sequence(text(n, "description", 1024), out, bool(n, "allOrNothing"));
    }

    private GroupRef group(JsonNode n) throws ProtocolException, InvalidInputException {
        Hierarchy h = hierarchy(n.get("hierarchy"));
        return new GroupRef(h, path(h, text(n, "path", 8192)));
    }

    private static GroupPath path(Hierarchy h, String text) throws InvalidInputException {
        Set<String> reserved = new TreeSet<>(GroupName.KNOWN_CONTROLLERS);
        reserved.addAll(h.controllers());
        return GroupPath.parse(text, reserved);
    }

    private Hierarchy hierarchy(JsonNode n) throws ProtocolException {
        String id;
        String mount = null;
        if (n != null && n.isTextual()) {
            id = n.asText();
        } else if (n != null && n.isObject()) {
            only(n, Set.of("id", "version", "controllers", "mount", "mountRoot"));
            id = text(n, "id", 256);
            if (n.has("mount")) {
                mount = text(n, "mount", 4096);
            }
        } else {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"hierarchy\" must be an id or a hierarchy object");
        }
        for (Hierarchy h : hierarchies) {
            if (h.id().equals(id)) {
                if (mount != null && !mount.equals(h.mount())) {
                    throw new ProtocolException(ProtocolError.UNKNOWN_HIERARCHY, "hierarchy " + h.id()
                            + " is mounted at " + h.mount() + " on this host, not at " + printable(mount));
                }
                return h;
            }
        }
        throw new ProtocolException(ProtocolError.UNKNOWN_HIERARCHY, "this host has no hierarchy \""
                + printable(id) + "\"");
    }

    private static List<Integer> ids(JsonNode a) throws ProtocolException, InvalidInputException {
        if (a == null || !a.isArray() || a.isEmpty() || a.size() > MAX_IDS) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"ids\" must be an array of 1.." + MAX_IDS
                    + " process ids");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode i : a) {
            // Numbers only: "0x10" or "010" as strings are what the kernel would misread.
            if (!i.isIntegralNumber() || !i.canConvertToInt()) {
                throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "process id " + printable(i.toString())
                        + " is not a JSON integer");
            }
            out.add(DecimalPid.parse(Integer.toString(i.intValue())));
        }
        return out;
    }

    private static Set<String> controllers(JsonNode a) throws ProtocolException {
        if (a == null || !a.isArray() || a.isEmpty() || a.size() > 32) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"controllers\" must be an array of controller names");
        }
        Set<String> out = new TreeSet<>();
        for (JsonNode c : a) {
            if (!c.isTextual() || !CONTROLLER.matcher(c.asText()).matches()) {
                throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"" + printable(c.toString())
                        + "\" is not a controller name");
            }
            out.add(c.asText());
        }
        return out;
    }

    private static List<Setting> settings(JsonNode a) throws ProtocolException, InvalidInputException {
        if (a == null || !a.isArray() || a.isEmpty() || a.size() > 64) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"settings\" must be an array of KNOB=VALUE strings");
        }
        List<Setting> out = new ArrayList<>();
        for (JsonNode s : a) {
            if (!s.isTextual()) {
                throw new ProtocolException(ProtocolError.BAD_FIELD, "a setting must be a KNOB=VALUE string");
            }
            out.add(Setting.parse(s.asText()));
        }
        return out;
    }

    static JsonNode only(JsonNode n, Set<String> allowed) throws ProtocolException {
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            String f = it.next().getKey();
            if (!allowed.contains(f)) {
                throw new ProtocolException(ProtocolError.UNKNOWN_FIELD, "unknown field \"" + printable(f) + "\"");
            }
        }
        return n;
    }

    static String text(JsonNode n, String field, int max) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"" + field + "\" must be a string");
        }
        if (v.asText().length() > max) {
            throw new ProtocolException(ProtocolError.INVALID_ARGUMENT, "\"" + field + "\" is longer than " + max);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new ProtocolException(ProtocolError.BAD_FIELD, "\"" + field + "\" must be true or false");
        }
        return v.asBoolean();
    }

    private static Set<String> plus(Set<String> base, String... more) {
        Set<String> s = new TreeSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
