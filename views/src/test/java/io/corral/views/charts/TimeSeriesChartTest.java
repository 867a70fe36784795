package io.corral.views.charts;

import io.corral.styles.Themes;
import io.corral.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class TimeSeriesChartTest {
    private TimeSeriesChart chart;
    private final SampleRing ring = new SampleRing(600, 1);

    @Start
    void start(Stage stage) {
        chart = new TimeSeriesChart("Memory", ChartUnit.BYTES);
        chart.setSeries(List.of(new ChartSeries("current", ring, 0)));
        Scene scene = new Scene(new StackPane(chart), 600, 240);
        scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.LIGHT));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void manyPointsBetweenTwoPulsesAreDrawnInOneFrame() {
        Fx.pulses(2);
        long before = Fx.call(chart::redrawCount);
        Fx.run(() -> {
            for (int t = 0; t < 500; t++) {
                ring.add(t, t * 1024.0 * 1024);
                chart.invalidate();
            }
        });
        Fx.pulses(3);
        assertEquals(before + 1, Fx.call(chart::redrawCount), "500 invalidations in one pulse must draw once");
        assertEquals(301 + 1, Fx.call(chart::pointsDrawn), "a 5-minute window of 1 s points, both ends "
                + "included, plus the one just before it (the line enters from the left edge)");
    }

    @Test
    void aGroupSampledWithoutThisChartsValueIsSaidToHaveNoReadingsNotDrawnAsZero() {
        Fx.pulses(2);
        Fx.run(() -> {
            for (int t = 0; t < 10; t++) {
                ring.add(t, Double.NaN); // sampled, absent (no hierarchy of the group has it)
            }
            chart.invalidate();
        });
        Fx.pulses(3);
        assertTrue(Fx.call(chart::saysNoReadings));
        assertEquals(0, Fx.call(chart::pointsDrawn));
        Fx.run(() -> {
            ring.add(10, 0); // a real zero is a reading
            chart.invalidate();
        });
        Fx.pulses(3);
        assertFalse(Fx.call(chart::saysNoReadings));
        assertEquals(1, Fx.call(chart::pointsDrawn));
    }

    @Test
    void aHiddenChartDrawsNothingAndItsNewDataWhenShownAgain() {
        Fx.pulses(2);
        long before = Fx.call(chart::redrawCount);
        Fx.run(() -> chart.getParent().setVisible(false)); // as a TabPane hides a tab not selected
        Fx.run(() -> {
            ring.add(1, 1024);
            chart.invalidate();
        });
        Fx.pulses(3);
        assertEquals(before, Fx.call(chart::redrawCount), "nothing drawn while hidden");
        assertTrue(Fx.call(chart::isDirty), "the new point waits");
        Fx.run(() -> chart.getParent().setVisible(true));
        Fx.pulses(3);
        assertEquals(before + 1, Fx.call(chart::redrawCount), "drawn once in the first pulse it is shown in");
        assertFalse(Fx.call(chart::isDirty));
    }

    @Test
    void theLimitLineMovesWithTheLimitAndVanishesWhenUnlimited() {
        Fx.run(() -> {
            for (int t = 0; t < 60; t++) {
                ring.add(t, 100 * 1024 * 1024);
            }
            chart.setLimit("max", "max", OptionalDouble.of(256 * 1024 * 1024), true);
        });
        Fx.pulses(2);
        double y256 = Fx.call(() -> chart.limitLineY("max")).orElseThrow();
        assertDrawnAt(256, y256);

        Fx.run(() -> chart.setLimit("max", "max", OptionalDouble.of(224 * 1024 * 1024), true));
        Fx.pulses(2);
        double y224 = Fx.call(() -> chart.limitLineY("max")).orElseThrow();
        assertDrawnAt(224, y224);
        assertTrue(Math.abs(y224 - y256) >= 5, "the line moved: " + y256 + " -> " + y224);

        Fx.run(() -> chart.setLimit("max", "max", OptionalDouble.empty(), true));
        Fx.pulses(2);
        assertFalse(Fx.call(() -> chart.limitLineY("max")).isPresent(), "unlimited: no line");
        assertTrue(Fx.call(chart::limits).isEmpty());
    }

    private void assertDrawnAt(double mebibytes, double y) {
        double perPixel = Fx.call(() -> chart.valueAtY(0) - chart.valueAtY(1));
        double at = Fx.call(() -> chart.valueAtY(y)) / 1024 / 1024;
        assertEquals(mebibytes, at, 1.5 * perPixel / 1024 / 1024, "line drawn at the limit's value");
    }

    @Test
    void aLimitFarAboveTheDataDoesNotFlattenIt() {
        Fx.run(() -> {
            for (int t = 0; t < 60; t++) {
                ring.add(t, 10 * 1024 * 1024);
            }
            chart.setLimit("max", "max", OptionalDouble.of(64L * 1024 * 1024 * 1024), true);
        });
        Fx.pulses(2);
        assertTrue(Fx.call(chart::axisMax) < 64.0 * 1024 * 1024, "axis stays near the 10M of data");
        assertFalse(Fx.call(() -> chart.limitLineY("max")).isPresent(), "the off-scale limit is a label, not a line");
    }
}
