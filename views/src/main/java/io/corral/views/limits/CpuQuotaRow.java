package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitParser;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.CpuQuota;
import io.corral.views.charts.ChartUnit;
import javafx.scene.control.Slider;

import java.util.Locale;
import java.util.Optional;

/**
 * The CPU quota in cores: a slider from 0 to the number of online CPUs in steps of 0.05
 * core, an "unlimited" toggle, and a text field for exact values ({@code 1.5},
 * {@code 0.5/50000}). Dragging keeps the group's current period (v1 groups may have one
 * other than 100 ms). A limit bar shows CPU use against the quota.
 */
final class CpuQuotaRow extends SliderLimitRow {
    static final double STEP = 0.05;
    private final LimitBar bar = new LimitBar();
    private long period = CpuQuota.DEFAULT_PERIOD_USEC;

    CpuQuotaRow(LimitsEditorModel model) {
        super(Knob.CPU_QUOTA, model, new Slider(0, 1, 1));
        slider.getStyleClass().add("cores-slider");
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(3);
        slider.setBlockIncrement(STEP);
        slider.setMinWidth(120);
        bar.unitProperty().set(ChartUnit.PERCENT);
        bar.formatProperty().set(percent -> cores(percent / 100));
        bar.suffixProperty().set(" cores");
        getChildren().add(indented(bar));
        addNotes();
    }

    /** 0.25, 1, 1.5: cores without trailing zeros. */
    private static String cores(double c) {
        return String.format(Locale.ROOT, "%.2f", c).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    @Override
    protected void prepare(KnobState state, LimitsInput input) {
        slider.setMax(input.host().onlineCpus());
    }

    @Override
    protected void place(LimitValue v) {
        if (v instanceof CpuQuota q) {
            period = q.periodUsec();
            slider.setValue(q.cores().doubleValue());
        }
    }

    @Override
    protected double unlimitedPosition() {
        return slider.getMax();
    }

    @Override
    protected Optional<LimitValue> valueAt(double cores) {
        return Optional.of(quota(cores));
    }

    @Override
    protected LimitValue limitedAgain() {
        return quota(slider.getValue());
    }

    @Override
    protected void showUsage(LimitsInput input) {
        showBar(bar, input.usage().cpuCores().isPresent() ? input.usage().cpuCores().getAsDouble() * 100 : Double.NaN,
                limitShown(input) instanceof CpuQuota q ? 100.0 * q.quotaUsec() / q.periodUsec() : Double.NaN);
    }

    /** Cores rounded to the slider's step, at the group's period. */
    CpuQuota quota(double cores) {
        double c = Math.max(STEP, Math.round(cores / STEP) * STEP);
        long q = Math.max(LimitParser.MIN_QUOTA_USEC, Math.round(c * period));
        return new CpuQuota(q, period);
    }
}
