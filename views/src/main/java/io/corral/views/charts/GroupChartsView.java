package io.corral.views.charts;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.views.state.ConsoleFrame;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live charts of the selected group: CPU (with the quota as its limit), memory
 * (current with max and high), io (read and write rates), pids (with pids.max) and, where
 * the kernel provides it, PSI pressure. The main window feeds it every group's
 * {@link GroupTick} once per sampling tick on the FX thread; it keeps a history per group
 * identity (at most {@code maxGroups}: the first groups seen, plus the selected one, which
 * displaces the oldest), so switching back to a
 * group shows its recent past. All charts redraw at most once per pulse.
 */
public final class GroupChartsView extends VBox {
    public static final String STYLE_CLASS = "group-charts";
    private final int capacity;
    private final int maxGroups;
    private final Map<String, GroupHistory> histories = new LinkedHashMap<>();
    private final Label heading = new Label("No group selected");
    private final TimeSeriesChart cpu = new TimeSeriesChart("CPU", ChartUnit.PERCENT);
    private final TimeSeriesChart memory = new TimeSeriesChart("Memory", ChartUnit.BYTES);
    private final TimeSeriesChart io = new TimeSeriesChart("IO", ChartUnit.BYTES_PER_SECOND);
    private final TimeSeriesChart pids = new TimeSeriesChart("Tasks (pids)", ChartUnit.COUNT);
    private final TimeSeriesChart pressure = new TimeSeriesChart("Pressure (PSI avg10)", ChartUnit.PERCENT);
    private final GridPane grid = new GridPane();
    private String selected;
    private GroupPath selectedPath;
    private HostSnapshot lastSnapshot;
    private ConsoleFrame lastFrame;
    /** The path of each history fed from frames (a recreated group gets a new identity at the same path). */
    private final Map<String, GroupPath> historyPaths = new HashMap<>();
    private long ticks;
    private io.corral.views.state.FxWork work;

    /** @param capacity points kept per series (600 = ten minutes at one sample per second) */
    public GroupChartsView(int capacity, int maxGroups) {
        this.capacity = capacity;
        this.maxGroups = maxGroups;
        getStyleClass().add(STYLE_CLASS);
        // A parent stylesheet, not a user-agent one: it must win over the theme's ".label" rules.
        getStylesheets().add(GroupChartsView.class.getResource("group-charts.css").toExternalForm());
        heading.getStyleClass().add("group-charts-heading");
        ChoiceBox<Double> window = new ChoiceBox<>();
        window.getItems().addAll(60.0, 300.0, 600.0);
        window.setValue(300.0);
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double s) {
                return s == null ? "" : "last " + ChartPainter.agoLabel(s);
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        });
        window.valueProperty().addListener((o, a, b) -> charts().forEach(c -> c.setWindowSeconds(b)));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, heading, spacer, window);
        top.getStyleClass().add("group-charts-toolbar");
        cpu.explainEvents(List.of(ChartEvent.CPU_THROTTLED));
        memory.explainEvents(List.of(ChartEvent.MEMORY_HIGH, ChartEvent.MEMORY_MAX, ChartEvent.MEMORY_OOM));
        grid.setHgap(6);
        grid.setVgap(6);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        VBox.setVgrow(grid, Priority.ALWAYS);
        for (TimeSeriesChart c : charts()) {
            c.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        placeCharts(false);
        setSpacing(4);
        getChildren().addAll(top, grid);
    }

    public GroupChartsView() {
        this(600, 128); // 128 rings of 10 min: ~9 MB (512 held 37 MB of a 5000-group console's heap)
    }

    /**
     * One sampling tick from the model: every group of the snapshot, with its rates. If the
     * selected path now names a recreated group, its new history is shown.
     */
    public void accept(HostSnapshot snapshot, Rates rates) {
        lastSnapshot = snapshot;
        lastFrame = null;
        if (selectedPath != null) {
            Optional<String> id = GroupTicks.identity(snapshot, selectedPath);
            if (id.isPresent() && !id.get().equals(selected)) {
                select(id, selectedPath.toString());
            }
        }
        accept(GroupTicks.of(snapshot, rates));
    }

    /**
     * One sampling tick from a frame (FX thread): ticks only for the groups that have a
     * history, the selected one and, while there is room, the next groups of the frame; a
     * kept group the frame no longer has is forgotten. At 5000 groups in six hierarchies that
     * is ~130 lookups instead of 30 000 groups regrouped by path every second.
     */
    public void accept(ConsoleFrame frame) {
        if (work != null) {
            work.time("charts", () -> acceptNow(frame));
        } else {
            acceptNow(frame);
        }
    }

    /** Times {@link #accept(ConsoleFrame)} as the part "charts" of the frames' hand-over, and the charts' drawing. */
    public void timeWith(io.corral.views.state.FxWork work) {
        this.work = work;
        charts().forEach(c -> c.timeWith(work));
    }

    private void acceptNow(ConsoleFrame frame) {
        lastFrame = frame;
        lastSnapshot = null;
        Set<GroupPath> wanted = new LinkedHashSet<>(historyPaths.values());
        if (selectedPath != null) {
            wanted.add(selectedPath);
        }
        int room = maxGroups - histories.size();
        if (room > 0) {
            wanted.addAll(GroupTicks.firstPaths(frame, wanted, room));
        }
        Map<GroupPath, GroupTick> ticks = GroupTicks.of(frame, wanted);
        if (selectedPath != null && ticks.containsKey(selectedPath)
                && !ticks.get(selectedPath).identity().equals(selected)) {
            select(Optional.of(ticks.get(selectedPath).identity()), selectedPath.toString());
        }
        accept(ticks.values());
        ticks.forEach((path, tick) -> {
            if (histories.containsKey(tick.identity())) {
                historyPaths.put(tick.identity(), path);
            }
        });
        historyPaths.keySet().retainAll(histories.keySet());
    }

    /** Shows the group at a path (every hierarchy that has it), or nothing. */
    public void selectPath(Optional<GroupPath> path) {
        selectedPath = path.orElse(null);
        if (path.isEmpty()) {
            select(Optional.empty(), "");
            return;
        }
        Optional<String> id = lastFrame != null ? GroupTicks.identity(lastFrame, path.get())
                : lastSnapshot != null ? GroupTicks.identity(lastSnapshot, path.get()) : Optional.empty();
        select(Optional.of(id.orElse(path.get().toString())), path.get().toString());
    }

    /** One sampling tick: every group's numbers (groups missing from the list are forgotten). */
    public void accept(Collection<GroupTick> tick) {
        Set<String> seen = new HashSet<>();
        for (GroupTick t : tick) {
            seen.add(t.identity());
            // Past maxGroups histories, a group gets one only when selected: evicting the
            // oldest for every newcomer would make a new ring (~80 KB) for thousands of groups
            // on every tick of a big host and keep none of them.
            GroupHistory h = histories.get(t.identity());
            if (h == null && (histories.size() < maxGroups || t.identity().equals(selected))) {
                h = history(t.identity());
            }
            if (h != null) {
                h.add(t);
            }
        }
        histories.keySet().removeIf(id -> !seen.contains(id) && !id.equals(selected));
        ticks++;
        show();
    }

    /** Shows the history of a group (by identity), or nothing when empty. */
    public void select(Optional<String> identity, String displayName) {
        selected = identity.orElse(null);
        heading.setText(identity.isPresent() ? displayName : "No group selected");
        if (selected != null) {
            GroupHistory h = history(selected);
            SampleRing s = h.samples();
            cpu.setSeries(List.of(new ChartSeries("used", s, GroupHistory.CPU)));
            memory.setSeries(List.of(new ChartSeries("current", s, GroupHistory.MEMORY)));
            io.setSeries(List.of(new ChartSeries("read", s, GroupHistory.IO_READ),
                    new ChartSeries("write", s, GroupHistory.IO_WRITE)));
            pids.setSeries(List.of(new ChartSeries("tasks", s, GroupHistory.PIDS)));
            pressure.setSeries(List.of(
                    new ChartSeries("cpu some", s, GroupHistory.PSI_CPU_SOME),
                    new ChartSeries("cpu full", s, GroupHistory.PSI_CPU_FULL),
                    new ChartSeries("mem some", s, GroupHistory.PSI_MEMORY_SOME),
                    new ChartSeries("mem full", s, GroupHistory.PSI_MEMORY_FULL),
                    new ChartSeries("io some", s, GroupHistory.PSI_IO_SOME),
                    new ChartSeries("io full", s, GroupHistory.PSI_IO_FULL)));
            cpu.setEvents(h.cpuEvents());
            memory.setEvents(h.memoryEvents());
        } else {
            charts().forEach(c -> {
                c.setSeries(List.of());
                c.setEvents(null);
            });
        }
        show();
    }

    private void show() {
        GroupHistory h = selected == null ? null : histories.get(selected);
        if (h == null) {
            charts().forEach(c -> c.setLimit("max", "max", java.util.OptionalDouble.empty(), true));
            return;
        }
        cpu.setLimit("quota", "quota", h.cpuQuotaPercent(), true);
        memory.setLimit("max", "max", h.memoryMax(), true);
        memory.setLimit("high", "high", h.memoryHigh(), false);
        pids.setLimit("max", "max", h.pidsMax(), true);
        placeCharts(h.hasPressure());
        charts().forEach(TimeSeriesChart::invalidate);
    }

    private void placeCharts(boolean withPressure) {
        if (grid.getChildren().contains(pressure) == withPressure && !grid.getChildren().isEmpty()) {
            return;
        }
        grid.getChildren().clear();
        // add(node, col, row) keeps an earlier span: always give the span.
        grid.add(cpu, 0, 0, 1, 1);
        grid.add(memory, 1, 0, 1, 1);
        grid.add(io, 2, 0, 1, 1);
        if (withPressure) {
            grid.add(pids, 0, 1, 1, 1);
            grid.add(pressure, 1, 1, 2, 1);
        } else {
            grid.add(pids, 0, 1, 3, 1);
        }
    }

    private GroupHistory history(String identity) {
        GroupHistory h = histories.get(identity);
        if (h == null) {
            h = new GroupHistory(identity, capacity);
            histories.put(identity, h);
            if (histories.size() > maxGroups) {
                String oldest = histories.keySet().stream().filter(id -> !id.equals(selected)).findFirst()
                        .orElse(null);
                histories.remove(oldest);
            }
        }
        return h;
    }

    private List<TimeSeriesChart> charts() {
        return List.of(cpu, memory, io, pids, pressure);
    }


    public TimeSeriesChart cpuChart() {
        return cpu;
    }

    public TimeSeriesChart memoryChart() {
        return memory;
    }

    public TimeSeriesChart ioChart() {
        return io;
    }

    public TimeSeriesChart pidsChart() {
        return pids;
    }

    public TimeSeriesChart pressureChart() {
        return pressure;
    }

    /** Ticks received so far. */
    public long ticks() {
        return ticks;
    }

    /** Histories held (one per group identity). */
    public int historyCount() {
        return histories.size();
    }

    public Optional<GroupHistory> historyOf(String identity) {
        return Optional.ofNullable(histories.get(identity));
    }
}
