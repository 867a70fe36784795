package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Count;
import io.corral.model.limit.LimitValue.Unlimited;
import io.corral.model.limit.LimitValue.Weight;
import io.corral.views.charts.ChartUnit;
import javafx.scene.control.Slider;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A byte, count or weight knob (memory.*, pids.max, cpu.weight): a text field in people's
 * units, an "unlimited" toggle where the kernel has one, and a slider on a logarithmic
 * scale. Knobs with a usage (memory.max, swap, pids.max) show a limit bar.
 */
final class ValueLimitRow extends SliderLimitRow {
    private static final long MIB = 1024 * 1024;
    private final LimitBar bar;
    private LogScale scale;

    ValueLimitRow(Knob knob, LimitsEditorModel model) {
        super(knob, model, new Slider(0, 1, 0.5));
        slider.getStyleClass().add("log-slider");
        slider.setMinWidth(80);
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
    protected void prepare(KnobState state, LimitsInput input) {
        scale = scaleFor(state, input);
    }

    @Override
    protected void place(LimitValue v) {
        if (scale != null) {
            slider.setValue(scale.toPosition(magnitude(v)));
        }
    }

    @Override
    protected double unlimitedPosition() {
        return 1;
    }

    @Override
    protected Optional<LimitValue> valueAt(double position) {
        if (scale == null) {
            return Optional.empty();
        }
        long n = scale.snappedValue(position);
        return Optional.of(switch (knob.kind()) {
            case BYTES -> new Bytes(n);
            case WEIGHT -> new Weight(Math.max(Weight.MIN, Math.min(Weight.MAX, n)));
            default -> new Count(n);
        });
    }

    @Override
    protected LimitValue limitedAgain() {
        // From "unlimited" (the slider's end) back to three quarters of the range.
        return valueAt(slider.getValue() >= 1 ? 0.75 : slider.getValue()).orElseThrow();
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
        LimitValue limit = limitShown(input);
        showBar(bar, used.isPresent() ? used.getAsLong() : Double.NaN,
                limit instanceof Unlimited ? Double.NaN : magnitude(limit));
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
}
