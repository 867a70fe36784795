package io.corral.app.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Where one pulse's FX work went: the frame hand-over that ran since the previous pulse
 * (with the parts the views time: tree, tasks, charts; the rest is everything else that
 * listens to the frame), the scene's CSS pass, and layout.
 *
 * @param work     the whole FX work counted for the pulse (the {@code gui pulse:} sample)
 * @param handOver hand-over work that ran since the previous pulse
 * @param css      the scene's CSS pass
 * @param layout   the layout pass
 * @param treeLayout  of which the group tree table's layout (its cells' CSS included: the
 *                    virtual flow applies CSS to every cell it lays out that needs layout)
 * @param tasksLayout of which the task table's layout
 * @param parts    the hand-over's timed parts in this pulse, by name
 */
record PulseSplit(long work, long handOver, long css, long layout, long treeLayout, long tasksLayout,
                  Map<String, Long> parts) {

    /** The parts the views time in a frame's hand-over; others run inside a pulse. */
    static final List<String> HAND_OVER_PARTS = List.of("tree", "tasks", "charts");

    /** One line: each component's p50/p99 over all pulses, and its mean over the pulses above {@code over}. */
    static String report(List<PulseSplit> pulses, long over) {
        TreeSet<String> names = new TreeSet<>();
        pulses.forEach(p -> names.addAll(p.parts().keySet()));
        List<PulseSplit> slow = pulses.stream().filter(p -> p.work() > over).toList();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "gui split: p50 / p99 of all %d pulses, mean of the %d over %.0f ms:", pulses.size(), slow.size(), over / 1e6));
        b.append(component("work", pulses, slow, PulseSplit::work));
        b.append(component("hand-over", pulses, slow, PulseSplit::handOver));
        for (String n : HAND_OVER_PARTS) {
            b.append(component("  " + n, pulses, slow, p -> p.parts().getOrDefault(n, 0L)));
        }
        b.append(component("  rest", pulses, slow, p -> p.handOver()
                - HAND_OVER_PARTS.stream().mapToLong(n -> p.parts().getOrDefault(n, 0L)).sum()));
        b.append(component("css", pulses, slow, PulseSplit::css));
        b.append(component("layout", pulses, slow, PulseSplit::layout));
        b.append(component("  tree table", pulses, slow, PulseSplit::treeLayout));
        b.append(component("  task table", pulses, slow, PulseSplit::tasksLayout));
        names.removeAll(HAND_OVER_PARTS);
        for (String n : names) { // timed inside the pulse (e.g. the charts' drawing, after layout)
            b.append(component("  " + n, pulses, slow, p -> p.parts().getOrDefault(n, 0L)));
        }
        b.append(component("other (timers)", pulses, slow, p -> p.work() - p.handOver() - p.css() - p.layout()));
        return b.toString();
    }

    private static String component(String name, List<PulseSplit> all, List<PulseSplit> slow, ToLongFunction<PulseSplit> f) {
        List<Long> v = new ArrayList<>(all.stream().map(f::applyAsLong).toList());
        Collections.sort(v);
        double mean = slow.stream().mapToLong(f).average().orElse(Double.NaN) / 1e6;
        return String.format(Locale.ROOT, " | %s %.2f / %.2f, %.2f", name, GuiProbe.pct(v, 50), GuiProbe.pct(v, 99), mean);
    }
}
