package io.corral.views.limits;

import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.Region;

/** Draws a {@link LimitBar}: a track, a fill and a label; listeners removed in {@link #dispose()}. */
final class LimitBarSkin extends SkinBase<LimitBar> {
    private static final PseudoClass NEAR = PseudoClass.getPseudoClass("near");
    private static final PseudoClass EXCEEDED = PseudoClass.getPseudoClass("exceeded");
    private final Region track = new Region();
    private final Region fill = new Region();
    private final Label text = new Label();
    private final InvalidationListener update = o -> update();

    LimitBarSkin(LimitBar bar) {
        super(bar);
        track.getStyleClass().add("track");
        fill.getStyleClass().add("fill");
        text.getStyleClass().add("usage-text");
        getChildren().addAll(track, fill, text);
        bar.usageProperty().addListener(update);
        bar.limitProperty().addListener(update);
        bar.unitProperty().addListener(update);
        bar.formatProperty().addListener(update);
        bar.suffixProperty().addListener(update);
        update();
    }

    private void update() {
        LimitBar bar = getSkinnable();
        double u = bar.usageProperty().get();
        double l = bar.limitProperty().get();
        double f = bar.fraction();
        String used = Double.isNaN(u) ? "\u2013" : bar.format(u);
        String unit = bar.suffixProperty().get();
        text.setText(Double.isNaN(l) ? used + unit + " used, no limit" : used + " of " + bar.format(l) + unit
                + (Double.isNaN(f) ? "" : "  (" + Math.round(f * 100) + " %)"));
        bar.pseudoClassStateChanged(NEAR, !Double.isNaN(f) && f >= 0.8 && u < l);
        bar.pseudoClassStateChanged(EXCEEDED, !Double.isNaN(f) && u >= l);
        bar.requestLayout();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        track.resizeRelocate(x, y, w, h);
        double f = getSkinnable().fraction();
        fill.setVisible(!Double.isNaN(f));
        fill.resizeRelocate(x, y, Double.isNaN(f) ? 0 : Math.max(2, w * f), h);
        text.resizeRelocate(x + 6, y, w - 12, h);
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return Math.max(16, text.prefHeight(-1)) + top + bottom;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 160 + left + right;
    }

    @Override
    public void dispose() {
        LimitBar bar = getSkinnable();
        if (bar != null) {
            bar.usageProperty().removeListener(update);
            bar.limitProperty().removeListener(update);
            bar.unitProperty().removeListener(update);
            bar.formatProperty().removeListener(update);
            bar.suffixProperty().removeListener(update);
        }
        super.dispose();
    }
}
