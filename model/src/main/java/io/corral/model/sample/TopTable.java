package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.HierarchyTree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The rows of {@code corral top}: one per group path, merged over the hierarchies like
 * systemd-cgtop does (tasks from {@code pids.current}, or the processes of the v2/systemd
 * group; CPU from cpuacct or v2 {@code cpu.stat}; memory from the memory controller; io
 * from blkio or v2 {@code io.stat}). Absent values stay absent ("-"), never zero.
 */
public final class TopTable {

    public enum Order { CPU, MEMORY, IO, TASKS, PATH }

    public record Row(GroupPath path, OptionalLong tasks, OptionalDouble cpuPercent, OptionalLong memoryBytes,
                      OptionalDouble inputPerSecond, OptionalDouble outputPerSecond) {
    }

    private TopTable() {
    }

    /**
     * @param before   the previous snapshot, for rates; null for the first frame (no rates)
     * @param maxDepth groups deeper than this below the root are left out (systemd-cgtop: 3)
     */
    public static List<Row> rows(HostSnapshot before, HostSnapshot now, Order order, int maxDepth) {
        Rates rates = before == null ? null : Rates.between(before, now);
        Map<GroupPath, Cell> cells = new TreeMap<>();
        for (HierarchyTree t : now.hierarchies()) {
            String id = t.hierarchy().id();
            boolean v2 = t.hierarchy().isV2();
            for (Group g : t.root().flatten()) {
                if (g.path().depth() > maxDepth) {
                    continue;
                }
                Cell c = cells.computeIfAbsent(g.path(), p -> new Cell());
                GroupKey key = new GroupKey(id, g.path());
                if (g.usage().pidsCurrent().isPresent() && (!v2 || c.tasks.isEmpty())) {
                    c.tasks = g.usage().pidsCurrent();
                } else if (c.tasks.isEmpty() && (v2 || id.equals("name=systemd")) && g.processes().isPresent()) {
                    c.tasks = OptionalLong.of(g.processes().get().size());
                }
                if (g.usage().cpu().isPresent() && g.usage().cpu().get().usageUsec().isPresent()
                        && (!v2 || c.cpu.isEmpty()) && rates != null) {
                    rates.group(key).ifPresent(r -> c.cpu = r.cpuPercentOfCore());
                }
                if (g.usage().memory().isPresent() && g.usage().memory().get().currentBytes().isPresent()
                        && (!v2 || c.memory.isEmpty())) {
                    c.memory = g.usage().memory().get().currentBytes();
                }
                if (g.usage().io().isPresent() && rates != null && (!v2 || c.in.isEmpty())) {
                    rates.group(key).ifPresent(r -> {
                        c.in = r.readBytesPerSecond();
                        c.out = r.writeBytesPerSecond();
                    });
                }
            }
        }
        List<Row> out = new ArrayList<>(cells.size());
        cells.forEach((p, c) -> {
            // Like systemd-cgtop: a group with nothing to show is left out (the root always stays).
            if (p.isRoot() || c.tasks.isPresent() || c.cpu.isPresent() || c.memory.isPresent() || c.in.isPresent()) {
                out.add(new Row(p, c.tasks, c.cpu, c.memory, c.in, c.out));
            }
        });
        out.sort(comparator(order));
        return out;
    }

    private static final class Cell {
        OptionalLong tasks = OptionalLong.empty();
        OptionalDouble cpu = OptionalDouble.empty();
        OptionalLong memory = OptionalLong.empty();
        OptionalDouble in = OptionalDouble.empty();
        OptionalDouble out = OptionalDouble.empty();
    }

    static Comparator<Row> comparator(Order order) {
        Comparator<Row> byPath = Comparator.comparing(Row::path);
        Comparator<Row> first = switch (order) {
            case CPU -> Comparator.comparingDouble((Row r) -> r.cpuPercent().orElse(-1)).reversed();
            case MEMORY -> Comparator.comparingLong((Row r) -> r.memoryBytes().orElse(-1)).reversed();
            case IO -> Comparator.comparingDouble((Row r) -> r.inputPerSecond().orElse(-1)
                    + r.outputPerSecond().orElse(-1)).reversed();
            case TASKS -> Comparator.comparingLong((Row r) -> r.tasks().orElse(-1)).reversed();
            case PATH -> byPath;
        };
        return first.thenComparing(byPath);
    }

    /** One line like {@code systemd-cgtop -b}: path, tasks, %CPU, memory, input/s, output/s. */
    public static String format(Row r, int pathWidth) {
        String path = r.path().toString();
        if (path.length() > pathWidth) {
            path = "…" + path.substring(path.length() - pathWidth + 1);
        }
        return String.format(Locale.ROOT, "%-" + pathWidth + "s %6s %6s %8s %8s %8s", path,
                r.tasks().isPresent() ? Long.toString(r.tasks().getAsLong()) : "-",
                r.cpuPercent().isPresent() ? String.format(Locale.ROOT, "%.1f", r.cpuPercent().getAsDouble()) : "-",
                r.memoryBytes().isPresent() ? bytes(r.memoryBytes().getAsLong()) : "-",
                r.inputPerSecond().isPresent() ? bytes(Math.round(r.inputPerSecond().getAsDouble())) : "-",
                r.outputPerSecond().isPresent() ? bytes(Math.round(r.outputPerSecond().getAsDouble())) : "-");
    }

    /** systemd's format_bytes: 1024-based, one decimal, B/K/M/G/T. */
    public static String bytes(long b) {
        String[] units = {"T", "G", "M", "K"};
        long[] factors = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (b >= factors[i]) {
                return String.format(Locale.ROOT, "%.1f%s", (double) b / factors[i], units[i]);
            }
        }
        return b + "B";
    }
}
