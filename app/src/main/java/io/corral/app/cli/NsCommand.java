package io.corral.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapRange;
import io.corral.model.namespace.Namespace;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceReader;
import io.corral.model.namespace.NamespaceSnapshot;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.namespace.UserNamespaceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code corral ns [--json]}: every namespace, with type, inode, parent, owner, pids (and maps). */
@Command(name = "ns",
        description = "List namespaces: a tree of user namespaces with the namespaces each owns.")
public final class NsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON: {\"namespaces\":[{type,inode,parent,owner,pids,...}]}")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final NamespaceReader reader;

    public NsCommand() {
        this(NamespaceReader.live());
    }

    NsCommand(NamespaceReader reader) {
        this.reader = reader;
    }

    @Override
    public Integer call() throws Exception {
        NamespaceSnapshot snap = reader.read();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(snap)));
        } else {
            for (Namespace root : snap.rootUserNamespaces()) {
                printUser(out, snap, root, "");
            }
        }
        for (String problem : snap.problems()) {
            spec.commandLine().getErr().println("corral: " + problem);
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> toJson(NamespaceSnapshot snap) {
        List<Object> list = new ArrayList<>();
        for (Namespace ns : snap.namespaces().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", ns.type().procName());
            m.put("inode", ns.inode());
            m.put("parent", ns.parent().map(NamespaceId::inode).orElse(null));
            m.put("owner", ns.owner().map(NamespaceId::inode).orElse(null));
            m.put("pids", ns.pids());
            if (!ns.pidsForChildren().isEmpty()) {
                m.put("pidsForChildren", ns.pidsForChildren());
            }
            if (ns.type() == NamespaceType.PID) {
                Map<String, Long> inside = new LinkedHashMap<>();
                ns.insidePids().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> inside.put(Long.toString(e.getKey()), e.getValue()));
                m.put("insidePids", inside);
            }
            ns.user().ifPresent(u -> {
                m.put("ownerUid", u.ownerUid().isPresent() ? u.ownerUid().getAsLong() : null);
                m.put("uidMap", u.uidMap().map(NsCommand::ranges).orElse(null));
                m.put("gidMap", u.gidMap().map(NsCommand::ranges).orElse(null));
                m.put("setgroups", u.setgroups().orElse(null));
            });
            Map<String, List<String>> groups = new LinkedHashMap<>();
            new java.util.TreeMap<>(ns.groups()).forEach((h, paths) -> groups.put(h, paths.stream().map(Object::toString).toList()));
            m.put("groups", groups);
            list.add(m);
        }
        return Map.of("namespaces", list);
    }

    private static List<List<Long>> ranges(IdMap map) {
        return map.ranges().stream().map(r -> List.of(r.inside(), r.outside(), r.count())).toList();
    }

    private static void printUser(PrintWriter out, NamespaceSnapshot snap, Namespace user, String indent) {
        out.println(indent + line(user));
        String inner = indent + "  ";
        for (Namespace owned : snap.ownedBy(user.id())) {
            if (owned.type() == NamespaceType.PID && owned.parent().flatMap(snap::get)
                    .flatMap(Namespace::owner).equals(Optional.of(user.id()))) {
                continue; // printed under its parent pid namespace
            }
            printOwned(out, snap, owned, inner);
        }
        for (Namespace child : snap.children(user.id())) {
            printUser(out, snap, child, inner);
        }
    }

    private static void printOwned(PrintWriter out, NamespaceSnapshot snap, Namespace ns, String indent) {
        out.println(indent + line(ns));
        if (ns.type() == NamespaceType.PID) {
            for (Namespace child : snap.children(ns.id())) {
                if (child.owner().equals(ns.owner())) {
                    printOwned(out, snap, child, indent + "  ");
                }
            }
        }
    }

    static String line(Namespace ns) {
        StringBuilder sb = new StringBuilder(ns.id().toString());
        int n = ns.pids().size();
        sb.append("  ").append(n).append(n == 1 ? " process" : " processes");
        if (n > 0) {
            sb.append(" (").append(abbreviate(ns.pids())).append(')');
        }
        ns.parent().ifPresent(p -> sb.append("  parent ").append(p));
        ns.user().ifPresent(u -> appendUser(sb, u));
        return sb.toString();
    }

    private static void appendUser(StringBuilder sb, UserNamespaceInfo u) {
        u.ownerUid().ifPresent(uid -> sb.append("  owner uid ").append(uid));
        u.uidMap().ifPresent(m -> sb.append("  uid_map ").append(oneLine(m)));
        u.gidMap().ifPresent(m -> sb.append("  gid_map ").append(oneLine(m)));
    }

    private static String oneLine(IdMap m) {
        if (m.isEmpty()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        for (IdMapRange r : m.ranges()) {
            parts.add(r.format());
        }
        return String.join(", ", parts);
    }

    private static String abbreviate(List<Long> pids) {
        List<String> s = pids.stream().limit(5).map(String::valueOf).toList();
        return String.join(" ", s) + (pids.size() > 5 ? " ..." : "");
    }
}
