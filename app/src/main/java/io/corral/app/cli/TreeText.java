package io.corral.app.cli;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.limit.ByteSize;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitValue;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.usage.GroupUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code corral tree} for people: per hierarchy an aligned tree with the number of
 * processes, the limits that are set (unlimited ones and the kernel's defaults left out) and
 * the usage, in units.
 */
final class TreeText {
    private TreeText() {
    }

    static String render(HostSnapshot s) {
        StringBuilder sb = new StringBuilder();
        for (HierarchyTree t : s.hierarchies()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(t.hierarchy().label()).append("  ").append(t.hierarchy().mount());
            if (!t.hierarchy().controllers().isEmpty() && t.hierarchy().isV2()) {
                sb.append("  [").append(String.join(" ", t.hierarchy().controllers())).append(']');
            }
            sb.append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"GROUP", "PROCS", "LIMITS", "USAGE"});
            walk(t.root(), "", "", true, rows);
            sb.append(table(rows, 1));
        }
        return sb.toString();
    }

    private static void walk(Group g, String prefix, String childPrefix, boolean root, List<String[]> rows) {
        String name = root ? g.path().toString() : g.name();
        String procs = g.processes().map(p -> Integer.toString(p.size())).orElse("-");
        rows.add(new String[] {prefix + name + flags(g), procs, limits(g), usage(g.usage())});
        List<Group> kids = g.children();
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            walk(kids.get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), false, rows);
        }
    }

    private static String flags(Group g) {
        StringBuilder f = new StringBuilder();
        g.freezer().ifPresent(s -> {
            if (s != io.corral.model.cgroup.FreezeState.THAWED) {
                f.append(" [").append(s.name().toLowerCase(Locale.ROOT)).append(']');
            }
        });
        g.type().filter(t -> !t.equals("domain")).ifPresent(t -> f.append(" [").append(t).append(']'));
        return f.toString();
    }

    static String limits(Group g) {
        List<String> parts = new ArrayList<>();
        for (Limit l : g.limits().asMap().values()) {
            LimitValue v = l.value();
            if (v instanceof LimitValue.Unlimited || v instanceof LimitValue.IdList ids && ids.ids().isEmpty()
                    || isDefault(l)) {
                continue;
            }
            parts.add(l.knob().cliName() + "=" + people(v));
        }
        return String.join(" ", parts);
    }

    /** The kernel's value for a new group, which nobody set: weight 100 (shares 1024), memory.low/min 0. */
    private static boolean isDefault(Limit l) {
        return switch (l.knob()) {
            case CPU_WEIGHT -> l.raw().equals(l.file().equals("cpu.shares") ? "1024" : "100");
            case MEMORY_LOW, MEMORY_MIN -> l.value().equals(new LimitValue.Bytes(0));
            default -> false;
        };
    }

    /** Like the parseable text, with the unit spelled out for cores. */
    static String people(LimitValue v) {
        if (v instanceof LimitValue.CpuQuota q) {
            String c = q.cores().setScale(Math.min(q.cores().scale(), 3), java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString() + " cores";
            return q.periodUsec() == LimitValue.CpuQuota.DEFAULT_PERIOD_USEC ? c : c + " per " + q.periodUsec() + "us";
        }
        return v.toString();
    }

    static String usage(GroupUsage u) {
        List<String> parts = new ArrayList<>();
        u.cpu().ifPresent(c -> {
            c.usageUsec().ifPresent(us -> parts.add("cpu " + seconds(us)));
            c.throttledPeriods().ifPresent(n -> {
                if (n > 0) {
                    parts.add("throttled " + n + "/" + c.periods().orElse(0));
                }
            });
        });
        u.memory().ifPresent(m -> m.currentBytes().ifPresent(b -> parts.add("mem " + ByteSize.human(b))));
        u.io().ifPresent(io -> {
            if (io.readBytes().orElse(0) + io.writeBytes().orElse(0) > 0) {
                parts.add("io r " + ByteSize.human(io.readBytes().orElse(0)) + " w " + ByteSize.human(io.writeBytes().orElse(0)));
            }
        });
        u.pidsCurrent().ifPresent(p -> parts.add("pids " + p));
        u.cpuPressure().ifPresent(p -> {
            if (p.some().avg10() > 0) {
                parts.add(String.format(Locale.ROOT, "cpu-psi %.2f%%", p.some().avg10()));
            }
        });
        return String.join("  ", parts);
    }

    private static String seconds(long usec) {
        return String.format(Locale.ROOT, "%.2fs", usec / 1e6);
    }

    /**
     * Columns padded to their widest cell (by code points, so the tree lines align);
     * {@code rightColumn} (or -1) holds numbers and aligns right.
     */
    static String table(List<String[]> rows, int rightColumn) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String cell = r[i];
                int pad = w[i] - cell.codePointCount(0, cell.length());
                boolean right = i == rightColumn;
                if (right) {
                    line.append(" ".repeat(pad)).append(cell);
                } else {
                    line.append(cell).append(i == cols - 1 ? "" : " ".repeat(pad));
                }
                if (i < cols - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
