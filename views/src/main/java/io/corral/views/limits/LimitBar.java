package io.corral.views.limits;

import io.corral.views.charts.ChartUnit;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import java.util.function.DoubleFunction;

/**
 * Usage against a limit: a bar filled to {@code usage / limit}, with the numbers written on
 * it ({@code 231M of 512M}). No limit ({@code NaN}) shows the usage alone. The skin puts the
 * {@code :near} pseudo-class above 80 % and {@code :exceeded} at or above the limit, so the
 * theme colours it.
 */
public final class LimitBar extends Control {
    public static final String STYLE_CLASS = "limit-bar";
    private final DoubleProperty usage = new SimpleDoubleProperty(this, "usage", Double.NaN);
    private final DoubleProperty limit = new SimpleDoubleProperty(this, "limit", Double.NaN);
    private final ObjectProperty<ChartUnit> unit = new SimpleObjectProperty<>(this, "unit", ChartUnit.BYTES);
    private final ObjectProperty<DoubleFunction<String>> format = new SimpleObjectProperty<>(this, "format");
    private final StringProperty suffix = new SimpleStringProperty(this, "suffix", "");

    public LimitBar() {
        getStyleClass().add(STYLE_CLASS);
    }

    public DoubleProperty usageProperty() {
        return usage;
    }

    public DoubleProperty limitProperty() {
        return limit;
    }

    public ObjectProperty<ChartUnit> unitProperty() {
        return unit;
    }

    /** How numbers are written; the unit's own format when not set (e.g. cores for the CPU quota). */
    public ObjectProperty<DoubleFunction<String>> formatProperty() {
        return format;
    }

    /** Written once after the numbers ({@code " cores"}: "0.2 of 0.5 cores", not "0.2 cores of 0.5 cores"). */
    public StringProperty suffixProperty() {
        return suffix;
    }

    String format(double v) {
        return format.get() != null ? format.get().apply(v) : unit.get().format(v);
    }

    /** The filled fraction, 0..1; NaN without a limit or usage. */
    public double fraction() {
        double u = usage.get();
        double l = limit.get();
        if (Double.isNaN(u) || Double.isNaN(l) || l <= 0) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, u / l));
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new LimitBarSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return LimitBar.class.getResource("limits-editor.css").toExternalForm();
    }
}
