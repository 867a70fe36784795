package io.corral.views.charts;

import javafx.application.Platform;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A live time-series chart for high-rate series: lines drawn on a {@link Canvas} straight
 * from primitive {@link SampleRing}s, with horizontal limit lines, event markers, a
 * unit-aware y axis, a relative time axis and a legend. However many points arrive in a
 * pulse, it draws once: {@link #invalidate()} only marks it dirty and asks for a pulse, and
 * a post-layout pulse listener draws. Colours come from CSS ({@code -corral-chart-*}
 * properties, see {@code time-series-chart.css}), so themes restyle it through tokens.
 *
 * <p>FX thread only, like every node.
 */
public final class TimeSeriesChart extends Region {
    public static final String STYLE_CLASS = "time-series-chart";
    private static final int PALETTE_SIZE = 6;
    private static final StyleablePropertyFactory<TimeSeriesChart> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Paint> background = CSS.createStyleablePaintProperty(this, "plotBackground",
            "-corral-chart-background", c -> c.background, Color.WHITE);
    private final StyleableProperty<Paint> text = CSS.createStyleablePaintProperty(this, "axisText",
            "-corral-chart-text", c -> c.text, Color.web("#333333"));
    private final StyleableProperty<Paint> grid = CSS.createStyleablePaintProperty(this, "gridColor",
            "-corral-chart-grid-line", c -> c.grid, Color.web("#e3e6ea"));
    private final StyleableProperty<Paint> limit = CSS.createStyleablePaintProperty(this, "limitColor",
            "-corral-chart-limit", c -> c.limit, Color.web("#c0392b"));
    private final StyleableProperty<Paint> softLimit = CSS.createStyleablePaintProperty(this, "softLimitColor",
            "-corral-chart-soft-limit", c -> c.softLimit, Color.web("#d68910"));
    private final List<StyleableProperty<Paint>> seriesColors = new ArrayList<>();
    private final Map<ChartEvent, StyleableProperty<Paint>> eventColors = new EnumMap<>(ChartEvent.class);

    private final ChartUnit unit;
    private final Label title;
    private final FlowPane legend = new FlowPane(10, 2);
    private final HBox header;
    private final Canvas canvas = new Canvas();
    private final ChartPainter painter = new ChartPainter();
    private final Runnable pulse = this::onPulse;
    private final List<ChartSeries> series = new ArrayList<>();
    private final List<Label> legendLabels = new ArrayList<>();
    private final Map<String, LimitLine> limits = new LinkedHashMap<>();
    private SampleRing events;
    private double windowSeconds = 300;
    private boolean dirty;
    private long redraws;
    private ChartPainter.Frame lastFrame;
    private io.corral.views.state.FxWork work;

    public TimeSeriesChart(String title, ChartUnit unit) {
        this.unit = Objects.requireNonNull(unit);
        getStyleClass().add(STYLE_CLASS);
        // A parent stylesheet, not a user-agent one: it must win over the theme's ".label" rules.
        getStylesheets().add(TimeSeriesChart.class.getResource("time-series-chart.css").toExternalForm());
        for (int i = 1; i <= PALETTE_SIZE; i++) {
            final int index = i - 1;
            seriesColors.add(CSS.createStyleablePaintProperty(this, "series" + i, "-corral-chart-series-" + i,
                    c -> c.seriesColors.get(index), DEFAULT_SERIES[index]));
        }
        for (ChartEvent e : ChartEvent.values()) {
            String name = e.name().toLowerCase().replace('_', '-');
            eventColors.put(e, CSS.createStyleablePaintProperty(this, name, "-corral-chart-event-" + name,
                    c -> c.eventColors.get(e), Color.web("#8e44ad")));
        }
        this.title = new Label(title);
        this.title.getStyleClass().add("series-chart-title");
        this.title.setMinWidth(Region.USE_PREF_SIZE);
        legend.getStyleClass().add("series-chart-legend");
        HBox.setHgrow(legend, Priority.ALWAYS);
        header = new HBox(12, this.title, legend);
        header.getStyleClass().add("series-chart-header");
        header.setPadding(new Insets(0, 4, 2, 4));
        getChildren().addAll(header, canvas);
        sceneProperty().addListener((o, old, scene) -> moveListener(old, scene));
        // Colours restyled by CSS (theme switch) need a new frame.
        for (StyleableProperty<Paint> p : allColours()) {
            ((javafx.beans.value.ObservableValue<?>) p).addListener((o, a, b) -> invalidate());
        }
        setMinSize(160, 90);
        setPrefSize(480, 180);
    }

    /** Used only when no theme is loaded (the theme's -corral-series-N tokens win). */
    private static final Color[] DEFAULT_SERIES = {
        Color.web("#2f6fdb"), Color.web("#e8590c"), Color.web("#2b8a3e"), Color.web("#7048e8"),
        Color.web("#c2255c"), Color.web("#0c8599"),
    };

    public ChartUnit unit() {
        return unit;
    }

    /** Replaces the series (the legend follows). Several may share one ring. */
    public void setSeries(List<ChartSeries> newSeries) {
        series.clear();
        series.addAll(newSeries);
        legend.getChildren().clear();
        legendLabels.clear();
        for (int i = 0; i < series.size(); i++) {
            Rectangle swatch = new Rectangle(10, 3);
            swatch.fillProperty().bind(((javafx.beans.value.ObservableObjectValue<Paint>)
                    seriesColors.get(i % PALETTE_SIZE)));
            Label l = new Label(series.get(i).name(), swatch);
            l.getStyleClass().add("series-chart-legend-item");
            legendLabels.add(l);
            legend.getChildren().add(l);
        }
        invalidate();
    }

    public List<ChartSeries> series() {
        return List.copyOf(series);
    }

    /**
     * Shows a limit line at {@code value}, moves it if it exists, or removes it when the value
     * is absent (unlimited).
     */
    public void setLimit(String key, String label, OptionalDouble value, boolean primary) {
        LimitLine old = limits.get(key);
        if (value.isEmpty()) {
            if (limits.remove(key) != null) {
                invalidate();
            }
            return;
        }
        LimitLine line = new LimitLine(key, label, value.getAsDouble(), primary);
        if (!line.equals(old)) {
            limits.put(key, line);
            invalidate();
        }
    }

    /** The limit lines now shown. */
    public List<LimitLine> limits() {
        return List.copyOf(limits.values());
    }

    /** Event markers: a one-column ring whose values are {@link ChartEvent} ordinals. */
    public void setEvents(SampleRing events) {
        if (events != null && events.columns() != 1) {
            throw new IllegalArgumentException("event ring must have one column");
        }
        this.events = events;
        invalidate();
    }

    public void setWindowSeconds(double seconds) {
        this.windowSeconds = seconds;
        invalidate();
    }

    public double windowSeconds() {
        return windowSeconds;
    }

    /** New data: draw again in the next pulse (once, however often this is called). */
    public void invalidate() {
        if (!dirty) {
            dirty = true;
            Platform.requestNextPulse();
        }
    }

    /** True while a redraw is pending for the next pulse. */
    public boolean isDirty() {
        return dirty;
    }

    /** How many frames were drawn; a test sees coalescing through it. */
    public long redrawCount() {
        return redraws;
    }

    /** The pixel row of a limit line in the last frame, absent if not drawn (unlimited or off scale). */
    public OptionalDouble limitLineY(String key) {
        if (lastFrame == null || !lastFrame.limitY().containsKey(key)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(lastFrame.limitY().get(key));
    }

    /** The top of the y axis in the last frame (NaN before the first frame). */
    public double axisMax() {
        return lastFrame == null ? Double.NaN : lastFrame.yMax();
    }

    /** The value at a pixel row of the last frame (inverse of the y axis), NaN before the first frame. */
    public double valueAtY(double y) {
        if (lastFrame == null) {
            return Double.NaN;
        }
        double h = lastFrame.plotBottom() - lastFrame.plotTop();
        return (lastFrame.plotBottom() - y) / h * lastFrame.yMax();
    }

    /** Whether the last frame said the group has no readings for this chart in its window. */
    public boolean saysNoReadings() {
        return lastFrame != null && lastFrame.saysNoReadings();
    }

    /** Points drawn in the last frame. */
    public int pointsDrawn() {
        return lastFrame == null ? 0 : lastFrame.points();
    }

    /** Draws now, whatever the pulse; for benchmarks and snapshots. */
    public void redrawNow() {
        dirty = false;
        redraws++;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 1 || h < 1) {
            return;
        }
        lastFrame = painter.paint(canvas.getGraphicsContext2D(), w, h, unit, windowSeconds, series,
                List.copyOf(limits.values()), events, palette());
        for (int i = 0; i < legendLabels.size(); i++) {
            ChartSeries s = series.get(i);
            legendLabels.get(i).setText(s.name() + "  " + unit.format(s.ring().last(s.column())));
        }
    }

    private void onPulse() {
        // A chart on a tab that is not shown stays dirty and is drawn in the first pulse it is
        // shown in: drawing five charts nobody sees cost every frame's pulse a redraw.
        if (dirty && shown()) {
            if (work != null) {
                work.time(DRAWING, this::redrawNow);
            } else {
                redrawNow();
            }
        }
    }

    /** This chart and every parent visible (a TabPane hides the content of the tabs not selected). */
    private boolean shown() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
    }

    /** The part under which {@link #timeWith} times the drawing. */
    public static final String DRAWING = "chart drawing";

    /** Times each drawing as the part {@link #DRAWING} (for the GUI benchmark). */
    public void timeWith(io.corral.views.state.FxWork work) {
        this.work = work;
    }

    private void moveListener(Scene old, Scene scene) {
        if (old != null) {
            old.removePostLayoutPulseListener(pulse);
        }
        if (scene != null) {
            scene.addPostLayoutPulseListener(pulse);
            invalidate();
        }
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = getWidth() - in.getLeft() - in.getRight();
        double headerH = header.prefHeight(w);
        header.resizeRelocate(in.getLeft(), in.getTop(), w, headerH);
        double ch = Math.max(0, getHeight() - in.getTop() - in.getBottom() - headerH);
        canvas.relocate(in.getLeft(), in.getTop() + headerH);
        if (canvas.getWidth() != w || canvas.getHeight() != ch) {
            canvas.setWidth(w);
            canvas.setHeight(ch);
            invalidate();
        }
    }

    private ChartPainter.Palette palette() {
        List<Paint> s = new ArrayList<>(PALETTE_SIZE);
        for (StyleableProperty<Paint> p : seriesColors) {
            s.add(p.getValue());
        }
        Map<ChartEvent, Paint> e = new EnumMap<>(ChartEvent.class);
        eventColors.forEach((k, v) -> e.put(k, v.getValue()));
        Paint t = text.getValue();
        return new ChartPainter.Palette(background.getValue(), t instanceof Color c ? c : Color.GRAY,
                grid.getValue(), limit.getValue(), softLimit.getValue(), s, e);
    }

    private List<StyleableProperty<Paint>> allColours() {
        List<StyleableProperty<Paint>> all = new ArrayList<>(List.of(background, text, grid, limit, softLimit));
        all.addAll(seriesColors);
        all.addAll(eventColors.values());
        return all;
    }

    /** Explains the event markers in a tooltip on the title. */
    public void explainEvents(List<ChartEvent> kinds) {
        StringBuilder sb = new StringBuilder("Markers:");
        for (ChartEvent k : kinds) {
            sb.append("\n\u25BC ").append(k.label()).append(" \u2014 ").append(k.explanation());
        }
        title.setTooltip(new Tooltip(sb.toString()));
    }


    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
