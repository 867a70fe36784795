package io.corral.views.shell;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.host.Hardware;
import io.corral.model.sample.GroupRates;
import io.corral.views.charts.GroupChartsView;
import io.corral.views.limits.LimitsEditorModel;
import io.corral.views.limits.LimitsInputs;
import io.corral.views.state.ConsoleFrame;
import io.corral.views.state.ConsoleState;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Feeds the embedded panels of the selected group from the console state, on the FX thread:
 * the limits editor gets the group's {@code LimitsInput} per frame, the charts get every
 * group's tick per frame and follow the selection. Both read only the frame's model
 * snapshot; frames without one (fixtures) leave them as they are.
 */
public final class SelectedGroupPanels {
    private final ConsoleState state;
    private final LimitsEditorModel limits;
    private final GroupChartsView charts;
    private final Hardware hardware;

    public SelectedGroupPanels(ConsoleState state, LimitsEditorModel limits, GroupChartsView charts, Hardware hardware) {
        this.state = state;
        this.limits = limits;
        this.charts = charts;
        this.hardware = hardware;
        state.frameProperty().addListener((o, was, now) -> frame(now));
        state.selection().groupProperty().addListener((o, was, now) -> {
            charts.selectPath(Optional.ofNullable(now).map(k -> k.path()));
            ConsoleFrame f = state.frame().orElse(null);
            if (whole(f)) {
                feedLimits(f);
            } else if (f != null && f.snapshot().isPresent()) {
                // Another group while its limits are not read: not the last group's limits
                // under the new group's name.
                limits.setInput(null);
                limits.readingProperty().set(now != null);
            }
        });
    }

    /**
     * Partial snapshots (the first reading, in phases) hold no limits or usage yet for some
     * groups: the panels wait for the whole one rather than show absent as unlimited.
     */
    private static boolean whole(ConsoleFrame f) {
        return f != null && f.snapshot().isPresent() && !f.snapshot().get().partial();
    }

    private void frame(ConsoleFrame f) {
        if (!whole(f)) {
            if (f != null && f.snapshot().isPresent() && limits.inputProperty().get() == null) {
                limits.readingProperty().set(state.selection().group().isPresent());
            }
            return;
        }
        charts.accept(f);
        feedLimits(f);
    }

    private void feedLimits(ConsoleFrame f) {
        Optional<GroupPath> path = state.selection().group().map(k -> k.path());
        if (path.isEmpty()) {
            return;
        }
        OptionalDouble cores = state.selection().group()
                .flatMap(f::rates)
                .map(GroupRates::cpuPercentOfCore)
                .filter(OptionalDouble::isPresent)
                .map(p -> OptionalDouble.of(p.getAsDouble() / 100))
                .orElse(OptionalDouble.empty());
        limits.setInput(LimitsInputs.from(f.hierarchies().stream().map(h -> h.hierarchy()).toList(),
                (h, p) -> f.hierarchy(h.id()).flatMap(x -> x.modelGroup(p)), path.get(), cores, hardware));
    }
}
