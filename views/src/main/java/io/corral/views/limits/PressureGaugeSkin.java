package io.corral.views.limits;

import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.Region;

import java.util.Locale;

/** Draws a {@link PressureGauge}: name, a bar of "some" on a 0..50 % scale, the numbers. */
final class PressureGaugeSkin extends SkinBase<PressureGauge> {
    private static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");
    /** Stalls above half the time are all "very high": the bar is full there. */
    private static final double SCALE = 50;
    private static final double BAR = 60;
    private final Label name = new Label();
    private final Region track = new Region();
    private final Region fill = new Region();
    private final Label numbers = new Label();
    private final InvalidationListener update = o -> update();

    PressureGaugeSkin(PressureGauge g) {
        super(g);
        name.getStyleClass().add("gauge-name");
        track.getStyleClass().add("track");
        fill.getStyleClass().add("fill");
        numbers.getStyleClass().add("gauge-numbers");
        getChildren().addAll(name, track, fill, numbers);
        g.resourceProperty().addListener(update);
        g.someProperty().addListener(update);
        g.fullProperty().addListener(update);
        g.thresholdProperty().addListener(update);
        update();
    }

    private void update() {
        PressureGauge g = getSkinnable();
        double some = g.someProperty().get();
        double full = g.fullProperty().get();
        name.setText(g.resourceProperty().get());
        numbers.setText(Double.isNaN(some) ? "\u2013" : "some " + pct(some)
                + (Double.isNaN(full) ? "" : " \u00b7 full " + pct(full)));
        g.pseudoClassStateChanged(HIGH, !Double.isNaN(some) && some >= g.thresholdProperty().get());
        g.requestLayout();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.1f %%" : "%.0f %%", v); // as the tree writes percents
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        double nameW = name.prefWidth(-1);
        name.resizeRelocate(x, y, nameW, h);
        double barX = x + nameW + 6;
        double barH = Math.min(8, h);
        double barY = y + (h - barH) / 2;
        track.resizeRelocate(barX, barY, BAR, barH);
        double some = getSkinnable().someProperty().get();
        double f = Double.isNaN(some) ? 0 : Math.min(1, some / SCALE);
        fill.resizeRelocate(barX, barY, Math.max(f > 0 ? 2 : 0, BAR * f), barH);
        numbers.resizeRelocate(barX + BAR + 6, y, Math.max(0, w - (barX + BAR + 6 - x)), h);
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return name.prefWidth(-1) + 6 + BAR + 6 + numbers.prefWidth(-1) + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return Math.max(name.prefHeight(-1), numbers.prefHeight(-1)) + top + bottom;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return computePrefWidth(height, top, right, bottom, left); // never truncate the numbers
    }

    @Override
    public void dispose() {
        PressureGauge g = getSkinnable();
        if (g != null) {
            g.resourceProperty().removeListener(update);
            g.someProperty().removeListener(update);
            g.fullProperty().removeListener(update);
            g.thresholdProperty().removeListener(update);
        }
        super.dispose();
    }
}
