package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitParser;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.Unlimited;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.Optional;

/**
 * A knob edited three ways that agree with each other: a text field in people's units, a
 * slider, and an "unlimited" toggle where the kernel has one ({@code max}). Typing moves the
 * slider, sliding writes the field, the toggle disables the slider; each sends the value to
 * the model. A refused text's reason shows on its own line under the controls, so it
 * never pushes the slider aside. Subclasses say where a value sits on the slider and what
 * value a slider position means.
 */
abstract class SliderLimitRow extends LimitRow {
    protected final LimitField field;
    protected final CheckBox unlimited = new CheckBox("unlimited");
    protected final Slider slider;
    private boolean updating;

    SliderLimitRow(Knob knob, LimitsEditorModel model, Slider slider) {
        super(knob, model);
        this.slider = slider;
        field = new LimitField(t -> LimitParser.parse(knob, t), this::typed, reason -> {
            if (reason == null) {
                model.clearInvalid(knob);
            } else {
                model.invalid(knob, reason);
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueChangingProperty().addListener((o, was, now) -> model.draggingProperty().set(now));
        slider.valueProperty().addListener((o, a, b) -> slid(b.doubleValue()));
        unlimited.selectedProperty().addListener((o, was, now) -> toggled(now));
        unlimited.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, name, field, slider);
        if (knob.acceptsUnlimited()) {
            controls.getChildren().add(unlimited);
        }
        controls.setAlignment(Pos.TOP_LEFT);
        javafx.scene.control.Label error = field.detachError();
        javafx.scene.Node errorLine = indented(error);
        errorLine.visibleProperty().bind(error.visibleProperty());
        errorLine.managedProperty().bind(error.visibleProperty());
        getChildren().addAll(controls, errorLine);
    }

    /** Reads what the slider's range depends on (the host's CPUs, its memory, the value). */
    protected void prepare(KnobState state, LimitsInput input) {
    }

    /** Moves the slider to a limited value (not {@code max}). */
    protected abstract void place(LimitValue v);

    /** Where the slider sits for {@code max} or no value: its end. */
    protected abstract double unlimitedPosition();

    /** The value at a slider position, empty while the range is not known yet. */
    protected abstract Optional<LimitValue> valueAt(double position);

    /** The value sent when "unlimited" is unticked. */
    protected abstract LimitValue limitedAgain();

    @Override
    protected final void show(KnobState state, LimitsInput input) {
        prepare(state, input);
        LimitValue v = state.value().orElse(null);
        quietly(() -> {
            field.show(v == null ? "" : v.toString());
            unlimited.setSelected(v instanceof Unlimited);
            slider.setDisable(v instanceof Unlimited);
            if (v == null || v instanceof Unlimited) {
                slider.setValue(unlimitedPosition());
            } else {
                place(v);
            }
        });
    }

    @Override
    protected final boolean isEditing() {
        return field.isEditing() || slider.isValueChanging() || waiting();
    }

    /** The limit a usage bar compares with: the pending edit, else the kernel's value. */
    protected final LimitValue limitShown(LimitsInput input) {
        return model.pending().getOrDefault(knob, input.knob(knob).flatMap(KnobState::value)
                .orElse(Unlimited.INSTANCE));
    }

    /** Shows a usage bar (hidden while the usage is not known). */
    protected static void showBar(LimitBar bar, double usage, double limit) {
        boolean known = !Double.isNaN(usage);
        bar.usageProperty().set(usage);
        bar.getParent().setVisible(known);
        bar.getParent().setManaged(known);
        bar.limitProperty().set(limit);
    }

    private void typed(LimitValue v) {
        quietly(() -> {
            unlimited.setSelected(v instanceof Unlimited);
            slider.setDisable(v instanceof Unlimited);
            if (!(v instanceof Unlimited)) {
                place(v);
            }
        });
        edit(v);
    }

    private void slid(double position) {
        if (updating) {
            return;
        }
        valueAt(position).ifPresent(v -> {
            field.show(v.toString());
            edit(v);
        });
    }

    private void toggled(boolean toUnlimited) {
        if (updating) {
            return;
        }
        slider.setDisable(toUnlimited);
        LimitValue v = toUnlimited ? Unlimited.INSTANCE : limitedAgain();
        if (!toUnlimited) {
            quietly(() -> place(v));
        }
        field.show(v.toString());
        edit(v);
    }

    /** Changes the controls without taking the change for the user's. */
    private void quietly(Runnable change) {
        updating = true;
        try {
            change.run();
        } finally {
            updating = false;
        }
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
