package io.corral.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitValue;
import io.corral.model.proc.ProcessInfo;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.usage.CpuUsage;
import io.corral.model.usage.GroupUsage;
import io.corral.model.usage.IoUsage;
import io.corral.model.usage.MemoryUsage;
import io.corral.model.usage.Pressure;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The JSON form of a {@link HostSnapshot}, shared by {@code corral tree --json}, {@code get
 * --json} and the GUI export. The shape (documented in the README) is stable: fields are
 * only added. An absent value is an omitted field, never 0 or null.
 */
public final class SnapshotJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What to include besides hierarchies. */
    public record Options(boolean host, boolean processes, boolean problems) {
        public static final Options TREE = new Options(true, false, true);
        public static final Options ALL = new Options(true, true, true);
    }

    private SnapshotJson() {
    }

    public static ObjectNode snapshot(HostSnapshot s, Options o) {
        ObjectNode root = F.objectNode();
        if (o.host()) {
            ObjectNode host = root.putObject("host");
            host.put("name", s.hostName());
            host.put("kernel", s.kernelRelease());
            host.put("layout", s.layout().name().toLowerCase(Locale.ROOT));
            host.put("cpus", s.cpuCount());
            host.put("taken", s.taken().toString());
        }
        ArrayNode hs = root.putArray("hierarchies");
        for (HierarchyTree t : s.hierarchies()) {
            hs.add(hierarchy(t));
        }
        if (o.processes()) {
            ArrayNode ps = root.putArray("processes");
            s.processes().values().forEach(p -> ps.add(process(p)));
        }
        if (o.problems()) {
            ArrayNode pr = root.putArray("problems");
            for (ReadProblem p : s.problems()) {
                pr.addObject().put("path", p.path()).put("reason", p.reason());
            }
        }
        return root;
    }

    public static ObjectNode hierarchy(HierarchyTree t) {
        Hierarchy h = t.hierarchy();
        ObjectNode n = F.objectNode();
        n.put("id", h.id());
        n.put("version", h.isV2() ? 2 : 1);
        strings(n.putArray("controllers"), h.controllers());
        n.put("mount", h.mount());
        n.set("root", group(t.root()));
        return n;
    }

    public static ObjectNode group(Group g) {
        ObjectNode n = F.objectNode();
        n.put("path", g.path().toString());
        n.put("inode", g.inode());
        g.processes().ifPresent(p -> ints(n.putArray("processes"), p));
        g.threads().ifPresent(p -> ints(n.putArray("threads"), p));
        g.type().ifPresent(v -> n.put("type", v));
        g.controllers().ifPresent(v -> strings(n.putArray("controllers"), v));
        g.subtreeControl().ifPresent(v -> strings(n.putArray("subtree_control"), v));
        g.freezer().ifPresent(v -> n.put("frozen", v.name().toLowerCase(Locale.ROOT)));
        g.populated().ifPresent(v -> n.put("populated", v));
        n.set("limits", limits(g.limits()));
        n.set("usage", usage(g.usage()));
        ArrayNode children = n.putArray("children");
        g.children().forEach(c -> children.add(group(c)));
        return n;
    }

    /**
     * {@code knob -> {"value": text people type, "file", "raw": the file's text, and one typed
     * field: "unlimited": true | "bytes" | "count" | "weight" | "quota_usec"+"period_usec"+"cores"
     * | "ids" | "devices": {"MAJ:MIN": {...}}}}.
     */
    public static ObjectNode limits(GroupLimits limits) {
        ObjectNode n = F.objectNode();
        for (Limit l : limits.asMap().values()) {
            ObjectNode o = n.putObject(l.knob().cliName());
            o.put("value", l.value().toString());
            typed(o, l.value());
            o.put("file", l.file());
            o.put("raw", l.raw());
        }
        return n;
    }

    private static void typed(ObjectNode o, LimitValue v) {
        if (v instanceof LimitValue.Unlimited) {
            o.put("unlimited", true);
        } else if (v instanceof LimitValue.Bytes b) {
            o.put("bytes", b.bytes());
        } else if (v instanceof LimitValue.Count c) {
            o.put("count", c.count());
        } else if (v instanceof LimitValue.Weight w) {
            o.put("weight", w.weight());
        } else if (v instanceof LimitValue.CpuQuota q) {
            o.put("quota_usec", q.quotaUsec());
            o.put("period_usec", q.periodUsec());
            o.put("cores", q.cores());
        } else if (v instanceof LimitValue.IdList l) {
            ints(o.putArray("ids"), l.ids());
        } else if (v instanceof LimitValue.PerDevice p) {
            ObjectNode d = o.putObject("devices");
            p.limits().forEach((dev, dv) -> {
                ObjectNode e = d.putObject(dev.toString());
                e.put("value", dv.toString());
                typed(e, dv);
            });
        }
    }

    public static ObjectNode usage(GroupUsage u) {
        ObjectNode n = F.objectNode();
        u.cpu().ifPresent(c -> cpu(n.putObject("cpu"), c));
        u.memory().ifPresent(m -> memory(n.putObject("memory"), m));
        u.io().ifPresent(io -> io(n.putObject("io"), io));
        u.pidsCurrent().ifPresent(p -> n.putObject("pids").put("current", p));
        if (u.cpuPressure().isPresent() || u.memoryPressure().isPresent() || u.ioPressure().isPresent()) {
            ObjectNode p = n.putObject("pressure");
            u.cpuPressure().ifPresent(x -> pressure(p.putObject("cpu"), x));
            u.memoryPressure().ifPresent(x -> pressure(p.putObject("memory"), x));
            u.ioPressure().ifPresent(x -> pressure(p.putObject("io"), x));
        }
        return n;
    }

    private static void cpu(ObjectNode n, CpuUsage c) {
        put(n, "usage_usec", c.usageUsec());
        put(n, "user_usec", c.userUsec());
        put(n, "system_usec", c.systemUsec());
        put(n, "nr_periods", c.periods());
        put(n, "nr_throttled", c.throttledPeriods());
        put(n, "throttled_usec", c.throttledUsec());
    }

    private static void memory(ObjectNode n, MemoryUsage m) {
        put(n, "current", m.currentBytes());
        put(n, "peak", m.peakBytes());
        put(n, "failcnt", m.failcnt());
        put(n, "swap", m.swapBytes());
        if (!m.events().isEmpty()) {
            ObjectNode e = n.putObject("events");
            new TreeMap<>(m.events()).forEach(e::put);
        }
    }

    private static void io(ObjectNode n, IoUsage io) {
        put(n, "rbytes", io.readBytes());
        put(n, "wbytes", io.writeBytes());
        put(n, "rios", io.readOps());
        put(n, "wios", io.writeOps());
    }

    private static void pressure(ObjectNode n, Pressure p) {
        line(n.putObject("some"), p.some());
        p.full().ifPresent(f -> line(n.putObject("full"), f));
    }

    private static void line(ObjectNode n, Pressure.Line l) {
        n.put("avg10", l.avg10());
        n.put("avg60", l.avg60());
        n.put("avg300", l.avg300());
        n.put("total_usec", l.totalUsec());
    }

    public static ObjectNode process(ProcessInfo p) {
        ObjectNode n = F.objectNode();
        n.put("pid", p.pid());
        n.put("ppid", p.ppid());
        n.put("comm", p.comm());
        strings(n.putArray("cmdline"), p.cmdline());
        n.put("uid", p.uid());
        p.user().ifPresent(u -> n.put("user", u));
        n.put("state", String.valueOf(p.state().letter()));
        n.put("threads", p.threads());
        n.put("kernel_thread", p.kernelThread());
        ObjectNode cg = n.putObject("cgroups");
        new TreeMap<>(p.cgroups()).forEach(cg::put);
        return n;
    }

    /** Pretty-printed text with a trailing newline. */
    public static String text(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ObjectNode n, String key, OptionalLong v) {
        v.ifPresent(x -> n.put(key, x));
    }

    private static void ints(ArrayNode a, List<Integer> v) {
        v.forEach(a::add);
    }

    private static void strings(ArrayNode a, List<String> v) {
        v.forEach(a::add);
    }
}
