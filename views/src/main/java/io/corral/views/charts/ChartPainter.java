package io.corral.views.charts;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws one frame of a {@link TimeSeriesChart} onto its canvas: plot background, unit-aware
 * y grid, relative time axis, series polylines straight from the rings, limit lines with
 * their labels, and event markers. Pure drawing: no scene graph nodes per point.
 */
final class ChartPainter {
    /** A limit this many times above the data is not allowed to flatten the data. */
    static final double LIMIT_ZOOM_OUT_FACTOR = 8;
    private static final double LEFT = 52;
    private static final double RIGHT = 10;
    private static final double TOP = 8;
    private static final double BOTTOM = 18;

    /** Colours resolved from CSS for this frame. */
    record Palette(Paint background, Color text, Paint grid, Paint limit, Paint softLimit, List<Paint> series,
                   Map<ChartEvent, Paint> events) {
        Paint seriesPaint(int i) {
            return series.get(i % series.size());
        }
    }

    /** What the frame drew, for tests and the legend. */
    record Frame(double yMax, double plotTop, double plotBottom, Map<String, Double> limitY, int points,
                 boolean saysNoReadings) {
    }

    /**
     * Said in the middle of a chart whose group has been sampled but has no value for it in
     * the window (absent, not zero: e.g. a group in no hierarchy with the pids controller).
     */
    static final String NO_READINGS = "no readings";

    private final Font font = Font.font(11);
    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

    ChartPainter() {
        measure.setFont(font);
    }

    Frame paint(GraphicsContext g, double width, double height, ChartUnit unit, double windowSeconds,
                List<ChartSeries> series, List<LimitLine> limits, SampleRing events, Palette palette) {
        // clearRect over the whole canvas also drops the commands of a frame not yet rendered.
        g.clearRect(0, 0, width, height);
        g.setFill(palette.background());
        g.fillRect(0, 0, width, height);
        double plotLeft = LEFT;
        double plotRight = Math.max(plotLeft + 10, width - RIGHT);
        double plotTop = TOP;
        double plotBottom = Math.max(plotTop + 10, height - BOTTOM);
        double now = latestTime(series, events);
        double from = now - windowSeconds;

        double dataMax = Double.NaN;
        for (ChartSeries s : series) {
            double m = s.ring().max(s.column(), from);
            if (!Double.isNaN(m) && (Double.isNaN(dataMax) || m > dataMax)) {
                dataMax = m;
            }
        }
        double yMax = Double.isNaN(dataMax) ? 0 : dataMax;
        for (LimitLine l : limits) {
            if (Double.isNaN(dataMax) || dataMax <= 0 || l.value() <= dataMax * LIMIT_ZOOM_OUT_FACTOR) {
                yMax = Math.max(yMax, l.value());
            }
        }
        yMax = Math.max(yMax, minimumTop(unit));
        int ticks = (int) Math.max(2, Math.min(6, (plotBottom - plotTop) / 36));
        double step = unit.niceStep(yMax * 1.08, ticks);
        double top = Math.ceil(yMax * 1.08 / step) * step;

        Paint grid = palette.grid();
        Color axisText = palette.text();
        g.setFont(font);
        g.setLineWidth(1);
        g.setLineDashes((double[]) null);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double v = 0; v <= top + step / 2; v += step) {
            double y = snap(yOf(v, top, plotTop, plotBottom));
            g.setStroke(grid);
            g.strokeLine(plotLeft, y, plotRight, y);
            g.setFill(axisText);
            g.fillText(unit.format(v), plotLeft - 5, y);
        }
        drawTimeAxis(g, plotLeft, plotRight, plotBottom, windowSeconds, grid, axisText);

        int points = 0;
        if (!Double.isNaN(now)) {
            g.save();
            g.beginPath();
            g.rect(plotLeft, plotTop - 1, plotRight - plotLeft, plotBottom - plotTop + 2);
            g.clip();
            drawEvents(g, events, from, now, plotLeft, plotRight, plotTop, plotBottom, palette);
            g.setLineWidth(1.6);
            for (int i = 0; i < series.size(); i++) {
                g.setStroke(palette.seriesPaint(i));
                points += drawSeries(g, series.get(i), from, now, top, plotLeft, plotRight, plotTop, plotBottom);
            }
            g.restore();
        }
        Map<String, Double> limitY = drawLimits(g, unit, limits, top, plotLeft, plotRight, plotTop, plotBottom,
                palette);
        boolean noReadings = !Double.isNaN(now) && Double.isNaN(dataMax);
        if (noReadings) {
            g.setFill(axisText);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(NO_READINGS, (plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2);
        }
        return new Frame(top, plotTop, plotBottom, limitY, points, noReadings);
    }

    private static double minimumTop(ChartUnit unit) {
        return switch (unit) {
            case PERCENT -> 10;
            case BYTES, BYTES_PER_SECOND -> 1024;
            case COUNT -> 4;
        };
    }

    static double latestTime(List<ChartSeries> series, SampleRing events) {
        double now = Double.NaN;
        for (ChartSeries s : series) {
            double t = s.ring().lastTime();
            if (!Double.isNaN(t) && (Double.isNaN(now) || t > now)) {
                now = t;
            }
        }
        if (events != null && Double.isNaN(now)) {
            now = events.lastTime();
        }
        return now;
    }

    private int drawSeries(GraphicsContext g, ChartSeries s, double from, double now, double top,
                           double left, double right, double plotTop, double plotBottom) {
        SampleRing r = s.ring();
        int start = Math.max(0, r.firstAtOrAfter(from) - 1);
        boolean pen = false;
        int drawn = 0;
        g.beginPath();
        for (int i = start; i < r.size(); i++) {
            double v = r.value(s.column(), i);
            if (Double.isNaN(v)) {
                pen = false;
                continue;
            }
            double x = xOf(r.time(i), from, now, left, right);
            double y = yOf(Math.min(v, top * 1.02), top, plotTop, plotBottom);
            if (pen) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                pen = true;
            }
            drawn++;
        }
        g.stroke();
        return drawn;
    }

    private void drawEvents(GraphicsContext g, SampleRing events, double from, double now, double left,
                            double right, double plotTop, double plotBottom, Palette palette) {
        if (events == null) {
            return;
        }
        ChartEvent[] kinds = ChartEvent.values();
        for (int i = events.firstAtOrAfter(from); i < events.size(); i++) {
            int kind = (int) events.value(0, i);
            if (kind < 0 || kind >= kinds.length) {
                continue;
            }
            Paint p = palette.events().get(kinds[kind]);
            double x = snap(xOf(events.time(i), from, now, left, right));
            g.setStroke(p);
            g.setGlobalAlpha(0.2);
            g.setLineWidth(1);
            g.strokeLine(x, plotTop, x, plotBottom);
            g.setGlobalAlpha(1);
            g.setFill(p);
            g.fillPolygon(new double[] {x - 4, x + 4, x}, new double[] {plotTop, plotTop, plotTop + 6}, 3);
        }
    }

    private Map<String, Double> drawLimits(GraphicsContext g, ChartUnit unit, List<LimitLine> limits, double top,
                                           double left, double right, double plotTop, double plotBottom,
                                           Palette palette) {
        Map<String, Double> ys = new HashMap<>();
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        double offScaleY = plotTop + 12;
        for (LimitLine l : limits) {
            Paint paint = l.primary() ? palette.limit() : palette.softLimit();
            g.setFill(paint);
            if (l.value() > top) {
                // Far above the data: say so at the top instead of squashing the lines.
                g.setTextBaseline(VPos.TOP);
                g.fillText(l.label() + " " + unit.format(l.value()) + " \u2191", right - 4, offScaleY);
                g.setTextBaseline(VPos.BOTTOM);
                offScaleY += 13;
                continue;
            }
            double y = snap(yOf(l.value(), top, plotTop, plotBottom));
            ys.put(l.key(), y);
            g.setStroke(paint);
            g.setLineWidth(1.5);
            g.setLineDashes(l.primary() ? new double[] {7, 4} : new double[] {3, 3});
            g.strokeLine(left, y, right, y);
            g.setLineDashes((double[]) null);
            String text = l.label() + " " + unit.format(l.value());
            double w = textWidth(text);
            // A backing in the plot colour keeps the label readable over the series.
            g.setFill(palette.background());
            g.setGlobalAlpha(0.8);
            g.fillRect(right - 6 - w, y - 15, w + 4, 13);
            g.setGlobalAlpha(1);
            g.setFill(paint);
            g.fillText(text, right - 4, y - 2);
        }
        return ys;
    }

    private void drawTimeAxis(GraphicsContext g, double left, double right, double bottom, double window,
                              Paint grid, Color text) {
        double width = right - left;
        double[] steps = {10, 15, 30, 60, 120, 300, 600, 1800, 3600};
        double step = steps[steps.length - 1];
        for (double s : steps) {
            if (width * s / window >= 70) {
                step = s;
                break;
            }
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double ago = 0; ago <= window + 0.001; ago += step) {
            double x = snap(right - width * ago / window);
            g.setStroke(grid);
            g.strokeLine(x, bottom, x, bottom + 3);
            g.setFill(text);
            g.setTextAlign(ago == 0 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(ago == 0 ? "now" : "-" + agoLabel(ago), x, bottom + 4);
        }
        g.setStroke(text.deriveColor(0, 1, 1, 0.5));
        g.strokeLine(left, snap(bottom), right, snap(bottom));
    }

    private double textWidth(String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    static String agoLabel(double seconds) {
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return (int) (seconds / 3600) + "h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return (int) (seconds / 60) + "m";
        }
        if (seconds >= 60) {
            return (int) (seconds / 60) + "m" + (int) (seconds % 60) + "s";
        }
        return (int) seconds + "s";
    }

    private static double xOf(double t, double from, double now, double left, double right) {
        double span = now - from;
        return span <= 0 ? right : left + (right - left) * (t - from) / span;
    }

    private static double yOf(double v, double top, double plotTop, double plotBottom) {
        return plotBottom - (plotBottom - plotTop) * (v / top);
    }

    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }
}
