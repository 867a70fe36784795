package io.corral.views.group;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.views.charts.GroupChartsView;
import io.corral.views.limits.LimitSubmitter;
import io.corral.views.limits.LimitsEditor;
import io.corral.views.limits.LimitsEditorModel;
import io.corral.views.limits.LimitsInput;
import javafx.application.Platform;

import java.util.Objects;
import java.util.Optional;

/**
 * The selected group's limit editor and live charts, as the main window embeds them (two
 * tabs or panes). Fed once per sampling tick with {@link Tick}s built off the FX thread;
 * {@link #offer} keeps at most one pending hop to the FX thread (latest wins).
 */
public final class GroupPanels {
    /**
     * One tick for the panels, prepared on the sampler thread.
     *
     * @param path     the group shown (every hierarchy that has this path)
     * @param snapshot the snapshot the charts take their numbers from
     * @param rates    rates since the previous snapshot of the same scope
     * @param limits   the editor's input, built from the snapshot (see LimitsInputs)
     */
    public record Tick(GroupPath path, HostSnapshot snapshot, Rates rates, LimitsInput limits) {
        public Tick {
            Objects.requireNonNull(path);
            Objects.requireNonNull(snapshot);
            Objects.requireNonNull(rates);
            Objects.requireNonNull(limits);
        }
    }

    private final LimitsEditorModel model;
    private final LimitsEditor editor;
    private final GroupChartsView charts = new GroupChartsView();
    private final java.util.concurrent.atomic.AtomicReference<Tick> pending =
            new java.util.concurrent.atomic.AtomicReference<>();
    private GroupPath shown;

    public GroupPanels(LimitSubmitter submitter) {
        model = new LimitsEditorModel(submitter);
        editor = new LimitsEditor(model);
    }

    public LimitsEditor editor() {
        return editor;
    }

    public GroupChartsView charts() {
        return charts;
    }

    public LimitsEditorModel model() {
        return model;
    }

    /** From any thread: shows the tick at the next FX turn, dropping an older one not yet shown. */
    public void offer(Tick tick) {
        if (pending.getAndSet(tick) == null) {
            Platform.runLater(() -> show(pending.getAndSet(null)));
        }
    }

    /** FX thread: shows a tick now. */
    public void show(Tick t) {
        if (t == null) {
            return;
        }
        if (!t.path().equals(shown)) {
            shown = t.path();
            charts.accept(t.snapshot(), t.rates());
            charts.selectPath(Optional.of(t.path()));
        } else {
            charts.accept(t.snapshot(), t.rates());
        }
        model.setInput(t.limits());
    }

    /** FX thread: nothing selected (or a hierarchy row). */
    public void clear() {
        shown = null;
        pending.set(null);
        charts.selectPath(Optional.empty());
        model.setInput(null);
    }
}
