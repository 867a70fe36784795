package io.corral.model.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Commands and results as JSON, written field by field so the journal's format is ours
 * (stable across refactorings of the records) and a command read back is the same command.
 */
public final class CommandJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CommandJson() {
    }

    public static ObjectNode toJson(Command c) {
        ObjectNode n = MAPPER.createObjectNode();
        if (c instanceof Command.CreateGroup x) {
            group(n.put("type", "create-group"), x.group());
        } else if (c instanceof Command.RemoveGroup x) {
            group(n.put("type", "remove-group"), x.group());
        } else if (c instanceof Command.RenameGroup x) {
            group(n.put("type", "rename-group"), x.group()).put("newName", x.newName());
        } else if (c instanceof Command.MoveTasks x) {
            group(n.put("type", "move-tasks"), x.target()).put("threads", x.threads());
            ArrayNode ids = n.putArray("ids");
            x.ids().forEach(ids::add);
        } else if (c instanceof Command.MoveAllTasks x) {
            group(n.put("type", "move-all-tasks"), x.target());
            n.put("source", x.source().path().toString());
        } else if (c instanceof Command.EnableControllers x) {
            strings(group(n.put("type", "enable-controllers"), x.group()).putArray("controllers"), x.controllers());
        } else if (c instanceof Command.DisableControllers x) {
            strings(group(n.put("type", "disable-controllers"), x.group()).putArray("controllers"), x.controllers());
        } else if (c instanceof Command.Freeze x) {
            group(n.put("type", "freeze"), x.group());
        } else if (c instanceof Command.Thaw x) {
            group(n.put("type", "thaw"), x.group());
        } else if (c instanceof Command.KillAll x) {
            group(n.put("type", "kill-all"), x.group());
        } else if (c instanceof Command.SetLimits x) {
            ArrayNode a = group(n.put("type", "set-limits"), x.group()).putArray("settings");
            x.settings().forEach(st -> a.add(st.toString()));
        } else if (c instanceof Command.Launch x) {
            LaunchJson.launch(n, x);
        } else if (c instanceof Command.WriteIdMap x) {
            LaunchJson.writeIdMap(n, x);
        } else if (c instanceof Command.Sequence x) {
            n.put("type", "sequence").put("description", x.description()).put("allOrNothing", x.allOrNothing());
            n.set("steps", toJson(x.steps()));
        } else {
            throw new IllegalArgumentException("no JSON form for " + c);
        }
        return n;
    }

    public static ArrayNode toJson(List<Command> commands) {
        ArrayNode a = MAPPER.createArrayNode();
        commands.forEach(c -> a.add(toJson(c)));
        return a;
    }

    public static Command fromJson(JsonNode n) {
        String type = n.path("type").asText();
        return switch (type) {
            case "create-group" -> new Command.CreateGroup(group(n));
            case "remove-group" -> new Command.RemoveGroup(group(n));
            case "rename-group" -> new Command.RenameGroup(group(n), n.path("newName").asText());
            case "move-tasks" -> {
                List<Integer> ids = new ArrayList<>();
                n.path("ids").forEach(i -> ids.add(i.asInt()));
                yield new Command.MoveTasks(group(n), ids, n.path("threads").asBoolean());
            }
            case "move-all-tasks" -> {
                GroupRef target = group(n);
                yield new Command.MoveAllTasks(new GroupRef(target.hierarchy(),
                        GroupPath.ofKernel(n.path("source").asText())), target);
            }
            case "enable-controllers" -> new Command.EnableControllers(group(n), strings(n.path("controllers")));
            case "disable-controllers" -> new Command.DisableControllers(group(n), strings(n.path("controllers")));
            case "freeze" -> new Command.Freeze(group(n));
            case "thaw" -> new Command.Thaw(group(n));
            case "kill-all" -> new Command.KillAll(group(n));
            case "set-limits" -> {
                List<Setting> settings = new ArrayList<>();
                for (JsonNode st : n.path("settings")) {
                    try {
                        settings.add(Setting.parse(st.asText()));
                    } catch (InvalidInputException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                }
                yield new Command.SetLimits(group(n), settings);
            }
            case "launch" -> LaunchJson.launch(n);
            case "write-id-map" -> LaunchJson.writeIdMap(n);
            case "sequence" -> new Command.Sequence(n.path("description").asText(),
                    fromJson((ArrayNode) n.path("steps")), n.path("allOrNothing").asBoolean());
            default -> throw new IllegalArgumentException("unknown command type \"" + type + "\"");
        };
    }

    public static List<Command> fromJson(ArrayNode a) {
        List<Command> out = new ArrayList<>();
        a.forEach(n -> out.add(fromJson(n)));
        return out;
    }

    public static ObjectNode toJson(CommandResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode steps = MAPPER.createArrayNode();
        List<Failure> failures = List.of();
        if (r instanceof CommandResult.Applied a) {
            n.put("outcome", "applied");
            a.steps().forEach(st -> steps.add(step(st)));
        } else if (r instanceof CommandResult.Partial p) {
            n.put("outcome", "partial");
            p.steps().forEach(st -> steps.add(step(st)));
            failures = p.failures();
        } else if (r instanceof CommandResult.Rejected j) {
            n.put("outcome", "rejected");
            failures = j.failures();
        }
        n.set("steps", steps);
        ArrayNode fs = n.putArray("failures");
        for (Failure f : failures) {
            ObjectNode fn = fs.addObject().put("errno", f.errno().name()).put("path", f.path().toString());
            f.value().ifPresent(v -> fn.put("value", v));
            fn.put("message", f.message()).put("written", f.written());
        }
        strings(n.putArray("warnings"), r.warnings());
        return n;
    }

    private static ObjectNode step(Step s) {
        ObjectNode n = MAPPER.createObjectNode().put("what", s.what());
        s.holds().ifPresent(h -> n.put("holds", h));
        return n;
    }

    private static ObjectNode group(ObjectNode n, GroupRef g) {
        Hierarchy h = g.hierarchy();
        ObjectNode hn = n.putObject("hierarchy").put("id", h.id()).put("version", h.version().name());
        ArrayNode cs = hn.putArray("controllers");
        h.controllers().forEach(cs::add);
        hn.put("mount", h.mount()).put("mountRoot", h.mountRoot());
        n.put("path", g.path().toString());
        return n;
    }

    private static GroupRef group(JsonNode n) {
        JsonNode hn = n.path("hierarchy");
        Hierarchy h = new Hierarchy(hn.path("id").asText(), CgroupVersion.valueOf(hn.path("version").asText()),
                list(hn.path("controllers")), hn.path("mount").asText(),
                hn.path("mountRoot").asText("/"));
        return new GroupRef(h, GroupPath.ofKernel(n.path("path").asText()));
    }

    private static ArrayNode strings(ArrayNode a, java.util.Collection<String> values) {
        values.stream().sorted().forEach(a::add);
        return a;
    }

    private static List<String> list(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Set<String> strings(JsonNode a) {
        Set<String> out = new TreeSet<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
