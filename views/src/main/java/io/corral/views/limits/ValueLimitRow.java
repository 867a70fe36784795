package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitParser;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Count;
import io.corral.model.limit.LimitValue.Unlimited;
import io.corral.model.limit.LimitValue.Weight;
import io.corral.views.charts.ChartUnit;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.OptionalLong;

/**
 * A byte, count or weight knob (memory.*, pids.max, cpu.weight): a text field in people's
 * units, an "unlimited" toggle where the kernel has one, and a slider on a logarithmic
 * scale. Knobs with a usage (memory.max, swap, pids.max) show a limit bar.
 */
final class ValueLimitRow extends LimitRow {
    private static final long MIB = 1024 * 1024;
    private final LimitField field;
    private final CheckBox unlimited = new CheckBox("unlimited");
    private final Slider slider = new Slider(0, 1, 0.5);
    private final LimitBar bar;
    private LogScale scale;
    private boolean updating;

    ValueLimitRow(Knob knob, LimitsEditorModel model) {
        super(knob, model);
        field = new LimitField(t -> LimitParser.parse(knob, t), this::typed, reason -> {
            if (reason == null) {
                model.clearInvalid(knob);
            } else {
                model.invalid(knob, reason);
            }
        });
        slider.getStyleClass().add("log-slider");
        slider.setMinWidth(80);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueChangingProperty().addListener((o, was, now) -> model.draggingProperty().set(now));
        slider.valueProperty().addListener((o, a, b) -> slid(b.doubleValue()));
        unlimited.selectedProperty().addListener((o, was, now) -> toggled(now));
        HBox controls = new HBox(8, name, field, slider);
        if (knob.acceptsUnlimited()) {
            controls.getChildren().add(unlimited);
        }
        controls.setAlignment(Pos.TOP_LEFT);
        getChildren().add(controls);
        if (knob == Knob.MEMORY_MAX || knob == Knob.MEMORY_SWAP || knob == Knob.PIDS_MAX) {
            bar = new LimitBar();
            bar.unitProperty().set(knob == Knob.PIDS_MAX ? ChartUnit.COUNT : ChartUnit.BYTES);
            getChildren().add(indented(bar));
        } else {
            bar = null;
        }
        addNotes();
    }

    @Override
    protected void show(KnobState state, LimitsInput input) {
        scale = scaleFor(state, input);
        updating = true;
        try {
            LimitValue v = state.value().orElse(null);
            field.show(v == null ? "" : v.toString());
            unlimited.setSelected(v instanceof Unlimited);
            slider.setDisable(v instanceof Unlimited);
            slider.setValue(v instanceof Unlimited || v == null ? 1 : scale.toPosition(magnitude(v)));
        } finally {
            updating = false;
        }
    }

    @Override
    protected void showUsage(LimitsInput input) {
        if (bar == null) {
            return;
        }
        OptionalLong used = switch (knob) {
            case MEMORY_MAX -> input.usage().memoryCurrent();
            case MEMORY_SWAP -> input.usage().swapCurrent();
            default -> input.usage().pidsCurrent();
        };
        bar.usageProperty().set(used.isPresent() ? used.getAsLong() : Double.NaN);
        bar.getParent().setVisible(used.isPresent());
        bar.getParent().setManaged(used.isPresent());
        LimitValue limit = model.pending().getOrDefault(knob, input.knob(knob).flatMap(KnobState::value)
                .orElse(Unlimited.INSTANCE));
        bar.limitProperty().set(limit instanceof Unlimited ? Double.NaN : magnitude(limit));
    }

    @Override
    protected boolean isEditing() {
        return field.isEditing() || slider.isValueChanging() || waiting();
    }

    private void typed(LimitValue v) {
        updating = true;
        try {
            unlimited.setSelected(v instanceof Unlimited);
            slider.setDisable(v instanceof Unlimited);
            if (!(v instanceof Unlimited) && scale != null) {
                slider.setValue(scale.toPosition(magnitude(v)));
            }
        } finally {
            updating = false;
        }
        edit(v);
    }

    private void slid(double position) {
        if (updating || scale == null) {
            return;
        }
        LimitValue v = valueAt(position);
        field.show(v.toString());
        edit(v);
    }

    private void toggled(boolean toUnlimited) {
        if (updating) {
            return;
        }
        slider.setDisable(toUnlimited);
        LimitValue v = toUnlimited ? Unlimited.INSTANCE : valueAt(slider.getValue() >= 1 ? 0.75 : slider.getValue());
        updating = true;
        try {
            if (!toUnlimited) {
                slider.setValue(scale.toPosition(magnitude(v)));
            }
        } finally {
            updating = false;
        }
        field.show(v.toString());
        edit(v);
    }

    private LimitValue valueAt(double position) {
        long n = scale.snappedValue(position);
        return switch (knob.kind()) {
            case BYTES -> new Bytes(n);
            case WEIGHT -> new Weight(Math.max(Weight.MIN, Math.min(Weight.MAX, n)));
            default -> new Count(n);
        };
    }

    private static double magnitude(LimitValue v) {
        if (v instanceof Bytes b) {
            return b.bytes();
        }
        if (v instanceof Count c) {
            return c.count();
        }
        if (v instanceof Weight w) {
            return w.weight();
        }
        return Double.NaN;
    }

    /** The slider's range: up to the host's memory (or the value, if larger). */
    private LogScale scaleFor(KnobState state, LimitsInput input) {
        double current = state.value().map(ValueLimitRow::magnitude).filter(d -> !Double.isNaN(d)).orElse(0.0);
        return switch (knob.kind()) {
            case BYTES -> new LogScale(4 * MIB, Math.max(current, input.host().memoryTotal().orElse(64L * 1024 * MIB)),
                    true);
            case WEIGHT -> new LogScale(1, 10_000, false);
            default -> new LogScale(1, Math.max(current, 32_768), false);
        };
    }

    LimitField field() {
        return field;
    }

    Slider slider() {
        return slider;
    }

    CheckBox unlimitedToggle() {
        return unlimited;
    }
}
