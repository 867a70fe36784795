package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitParser;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.model.limit.LimitValue.Unlimited;
import io.corral.views.charts.ChartUnit;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The CPU quota in cores: a slider from 0 to the number of online CPUs in steps of 0.05
 * core, an "unlimited" toggle, and a text field for exact values ({@code 1.5},
 * {@code 0.5/50000}). Dragging keeps the group's current period (v1 groups may have one
 * other than 100 ms). A limit bar shows CPU use against the quota.
 */
final class CpuQuotaRow extends LimitRow {
    static final double STEP = 0.05;
    private final LimitField field;
    private final CheckBox unlimited = new CheckBox("unlimited");
    private final Slider slider = new Slider(0, 1, 1);
    private final LimitBar bar = new LimitBar();
    private long period = CpuQuota.DEFAULT_PERIOD_USEC;
    private boolean updating;

    CpuQuotaRow(LimitsEditorModel model) {
        super(Knob.CPU_QUOTA, model);
        field = new LimitField(t -> LimitParser.parse(Knob.CPU_QUOTA, t), this::typed, reason -> {
            if (reason == null) {
                model.clearInvalid(knob);
            } else {
                model.invalid(knob, reason);
            }
        });
        slider.getStyleClass().add("cores-slider");
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(3);
        slider.setBlockIncrement(STEP);
        slider.setMinWidth(120);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueChangingProperty().addListener((o, was, now) -> model.draggingProperty().set(now));
        slider.valueProperty().addListener((o, a, b) -> slid(b.doubleValue()));
        unlimited.selectedProperty().addListener((o, was, now) -> toggled(now));
        HBox controls = new HBox(8, name, field, slider, unlimited);
        controls.setAlignment(Pos.TOP_LEFT);
        bar.unitProperty().set(ChartUnit.PERCENT);
        bar.formatProperty().set(percent -> String.format(java.util.Locale.ROOT, "%.2f", percent / 100)
                .replaceAll("0+$", "").replaceAll("\\.$", "") + " cores");
        getChildren().addAll(controls, indented(bar));
        addNotes();
    }

    @Override
    protected void show(KnobState state, LimitsInput input) {
        updating = true;
        try {
            slider.setMax(input.host().onlineCpus());
            LimitValue v = state.value().orElse(null);
            field.show(v == null ? "" : v.toString());
            unlimited.setSelected(v instanceof Unlimited);
            slider.setDisable(v instanceof Unlimited);
            if (v instanceof CpuQuota q) {
                period = q.periodUsec();
                slider.setValue(q.cores().doubleValue());
            } else {
                slider.setValue(slider.getMax());
            }
        } finally {
            updating = false;
        }
    }

    @Override
    protected void showUsage(LimitsInput input) {
        boolean known = input.usage().cpuCores().isPresent();
        bar.usageProperty().set(known ? input.usage().cpuCores().getAsDouble() * 100 : Double.NaN);
        bar.getParent().setVisible(known);
        bar.getParent().setManaged(known);
        LimitValue limit = model.pending().getOrDefault(knob, input.knob(knob).flatMap(KnobState::value)
                .orElse(Unlimited.INSTANCE));
        bar.limitProperty().set(limit instanceof CpuQuota q ? 100.0 * q.quotaUsec() / q.periodUsec() : Double.NaN);
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
            if (v instanceof CpuQuota q) {
                period = q.periodUsec();
                slider.setValue(q.cores().doubleValue());
            }
        } finally {
            updating = false;
        }
        edit(v);
    }

    private void slid(double cores) {
        if (updating) {
            return;
        }
        CpuQuota q = quota(cores);
        field.show(q.toString());
        edit(q);
    }

    private void toggled(boolean toUnlimited) {
        if (updating) {
            return;
        }
        slider.setDisable(toUnlimited);
        LimitValue v = toUnlimited ? Unlimited.INSTANCE : quota(slider.getValue());
        field.show(v.toString());
        edit(v);
    }

    /** Cores rounded to the slider's step, at the group's period. */
    CpuQuota quota(double cores) {
        double c = Math.max(STEP, Math.round(cores / STEP) * STEP);
        long q = Math.max(LimitParser.MIN_QUOTA_USEC, Math.round(c * period));
        return new CpuQuota(q, period);
    }

    Slider slider() {
        return slider;
    }

    LimitField field() {
        return field;
    }

    CheckBox unlimitedToggle() {
        return unlimited;
    }
}
