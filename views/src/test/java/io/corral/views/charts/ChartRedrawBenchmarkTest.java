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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a timed test: prints how long one frame of a chart with 20 series of 600
 * points takes on the FX thread (building the canvas commands) and with the software
 * renderer (a scene snapshot rasterizes it). It asserts only that every point was drawn.
 */
@ExtendWith(ApplicationExtension.class)
class ChartRedrawBenchmarkTest {
    private static final int SERIES = 20;
    private static final int POINTS = 600;
    private TimeSeriesChart chart;
    private Scene scene;

    @Start
    void start(Stage stage) {
        chart = new TimeSeriesChart("benchmark", ChartUnit.BYTES_PER_SECOND);
        scene = new Scene(new StackPane(chart), 1200, 400);
        scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.DARK));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void redrawOf20SeriesOf600Points() {
        SampleRing ring = new SampleRing(POINTS, SERIES);
        for (int t = 0; t < POINTS + 77; t++) { // wrapped, as after ten minutes
            ring.append(t);
            for (int c = 0; c < SERIES; c++) {
                ring.setLast(c, (1 + c) * 1e6 * (1.2 + Math.sin(t / (5.0 + c))));
            }
        }
        List<ChartSeries> series = new ArrayList<>();
        for (int c = 0; c < SERIES; c++) {
            series.add(new ChartSeries("s" + c, ring, c));
        }
        Fx.run(() -> {
            chart.setSeries(series);
            chart.setWindowSeconds(POINTS);
            chart.setLimit("max", "max", OptionalDouble.of(30e6), true);
        });
        Fx.pulses(3);

        int warmup = 50;
        int frames = 300;
        long[] fx = new long[frames];
        Fx.run(() -> {
            for (int i = 0; i < warmup; i++) {
                chart.redrawNow();
            }
            for (int i = 0; i < frames; i++) {
                long t0 = System.nanoTime();
                chart.redrawNow();
                fx[i] = System.nanoTime() - t0;
            }
        });
        assertEquals(SERIES * POINTS, Fx.call(chart::pointsDrawn), "every point of every series drawn");

        int rendered = 10;
        Fx.run(() -> chart.setSeries(List.of()));
        long[] empty = new long[rendered];
        for (int i = 0; i < rendered; i++) {
            long t0 = System.nanoTime();
            Fx.run(() -> {
                chart.redrawNow();
                scene.snapshot(null);
            });
            empty[i] = System.nanoTime() - t0;
        }
        Fx.run(() -> chart.setSeries(series));
        long[] render = new long[rendered];
        for (int i = 0; i < rendered; i++) {
            long t0 = System.nanoTime();
            Fx.run(() -> {
                chart.redrawNow();
                scene.snapshot(null);
            });
            render[i] = System.nanoTime() - t0;
        }
        System.out.printf(Locale.ROOT, "BENCHMARK chart redraw, %d series x %d points, 1200x400: FX thread median %.2f ms,"
                        + " p90 %.2f ms, p95 %.2f ms; redraw + software snapshot median %.1f ms (empty chart %.1f ms)%n",
                SERIES, POINTS, ms(fx, 0.5), ms(fx, 0.9), ms(fx, 0.95), ms(render, 0.5), ms(empty, 0.5));
        Fx.screenshot(scene, "benchmark-20x600-dark");
    }

    private static double ms(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))] / 1e6;
    }
}
