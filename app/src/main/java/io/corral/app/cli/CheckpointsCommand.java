package io.corral.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.checkpoint.Catalog;
import io.corral.model.checkpoint.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code corral checkpoints}: the catalog, each entry verified (sizes and SHA-256). */
@Command(name = "checkpoints", description = "List the checkpoint catalog; entries that fail verification are flagged.")
final class CheckpointsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Catalog c = catalog.service().catalog();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Catalog.Entry e : c.list()) {
            Catalog.Verification v = c.verify(e.id());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", e.id());
            Manifest m = e.manifest().orElse(null);
            o.put("created", m == null ? null : m.created());
            o.put("label", m == null ? null : m.label());
            o.put("group", m == null ? null : m.group());
            o.put("processes", m == null ? null : m.tree().size());
            o.put("imageBytes", m == null ? null : m.imageBytes());
            o.put("dumpMillis", m == null ? null : m.durations().dumpMillis());
            o.put("restorable", v.restorable());
            o.put("problems", v.problems());
            rows.add(o);
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(rows));
            return 0;
        }
        out.printf("%-20s  %-20s  %-28s  %5s  %10s  %7s  %s%n", "ID", "CREATED", "GROUP", "PROCS", "SIZE", "DUMP", "STATE");
        for (Map<String, Object> o : rows) {
            boolean ok = (Boolean) o.get("restorable");
            Object size = o.get("imageBytes");
            out.printf("%-20s  %-20s  %-28s  %5s  %10s  %7s  %s%n", o.get("id"), trim(o.get("created")), o.get("group"),
                    o.get("processes"), size == null ? "?" : Sizes.human((Long) size),
                    o.get("dumpMillis") == null ? "?" : o.get("dumpMillis") + " ms",
                    ok ? "ok" : "FLAGGED: " + String.join("; ", castList(o.get("problems"))));
        }
        return 0;
    }

    private static String trim(Object created) {
        String s = String.valueOf(created);
        return s.length() > 19 ? s.substring(0, 19) : s;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
