package io.corral.views.charts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChartUnitTest {

    @ParameterizedTest
    @CsvSource({
        "BYTES, 0, 0",
        "BYTES, 512, 512",
        "BYTES, 1024, 1K",
        "BYTES, 1536, 1.5K",
        "BYTES, 268435456, 256M",
        "BYTES, 3221225472, 3G",
        "BYTES_PER_SECOND, 12582912, 12M/s",
        "PERCENT, 250, 250%",
        "PERCENT, 2.5, 2.5%",
        "COUNT, 64, 64",
        "COUNT, 3200, 3.2k",
    })
    void writesAxisLabelsInPeoplesUnits(ChartUnit unit, double value, String label) {
        assertEquals(label, unit.format(value));
    }

    @ParameterizedTest
    @CsvSource({
        // unit, axis max, ticks, expected step
        "BYTES, 734003200, 4, 268435456",     // 700M over 4 ticks: 256M steps
        "BYTES, 3221225472, 4, 1073741824",   // 3G: 1G steps
        "PERCENT, 230, 4, 100",
        "PERCENT, 9, 4, 2.5",
        "COUNT, 3, 4, 1",
        "COUNT, 1200, 4, 500",
    })
    void picksNiceTickSteps(ChartUnit unit, double max, int ticks, double step) {
        assertEquals(step, unit.niceStep(max, ticks));
    }
}
