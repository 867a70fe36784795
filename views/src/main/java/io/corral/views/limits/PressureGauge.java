package io.corral.views.limits;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.control.Tooltip;

/**
 * How much a group's tasks stall on one resource (PSI avg10 of {@code cpu.pressure},
 * {@code memory.pressure} or {@code io.pressure}): a short bar of "some" with "full"
 * written beside it. The skin sets {@code :high} at or above {@link #thresholdProperty()}
 * (default 10 %), which the theme colours with {@code -corral-pressure-high}.
 */
public final class PressureGauge extends Control {
    public static final String STYLE_CLASS = "pressure-gauge";
    private final StringProperty resource = new SimpleStringProperty(this, "resource", "");
    private final DoubleProperty some = new SimpleDoubleProperty(this, "some", Double.NaN);
    private final DoubleProperty full = new SimpleDoubleProperty(this, "full", Double.NaN);
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 10);

    public PressureGauge(String resource) {
        this.resource.set(resource);
        getStyleClass().add(STYLE_CLASS);
        setTooltip(new Tooltip(resource + " pressure (PSI, last 10 s): \"some\" is the share of time at least one "
                + "task of the group waited for " + resource + "; \"full\" the share when all of them did."));
    }

    public StringProperty resourceProperty() {
        return resource;
    }

    public DoubleProperty someProperty() {
        return some;
    }

    public DoubleProperty fullProperty() {
        return full;
    }

    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new PressureGaugeSkin(this);
    }
}
