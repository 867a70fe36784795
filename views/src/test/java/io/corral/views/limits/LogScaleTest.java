package io.corral.views.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogScaleTest {
    private static final double MIB = 1024 * 1024;
    private final LogScale memory = new LogScale(4 * MIB, 64 * 1024 * MIB, true);

    @Test
    void positionToValueAndBackIsTheIdentity() {
        for (int i = 0; i <= 1000; i++) {
            double p = i / 1000.0;
            assertEquals(p, memory.toPosition(memory.toValue(p)), 1e-12, "position " + p);
        }
    }

    @Test
    void snappedValuesSurviveARoundTripThroughTheSlider() {
        for (int i = 0; i <= 1000; i++) {
            long v = memory.snappedValue(i / 1000.0);
            assertEquals(v, memory.snappedValue(memory.toPosition(v)), "value " + v);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "4194304, 0",            // the bottom end
        "68719476736, 1",        // 64G, the top end
        "1024, 0",               // below the range: clamped
        "1e15, 1",
    })
    void endsAndOutsideValuesClamp(double value, double position) {
        assertEquals(position, memory.toPosition(value), 1e-12);
    }

    @Test
    void equalRatiosTakeEqualSliderDistances() {
        double a = memory.toPosition(64 * MIB) - memory.toPosition(32 * MIB);
        double b = memory.toPosition(64 * 1024 * MIB) - memory.toPosition(32 * 1024 * MIB);
        assertEquals(a, b, 1e-12);
    }

    @ParameterizedTest
    @CsvSource({
        "1610612736, 1610612736",   // 1.5G stays
        "1600000000, 1610612736",   // 1.49G -> 1.5G
        "398458880, 398458880",     // 380M stays
        "12345678, 12582912",       // 11.8M -> 12M
        "2501, 2458",               // 2.44K -> 2.4K (2457.6 bytes, rounded)
        "1073741823.9, 1073741824", // a hair below 1G is 1G, not 1020M
    })
    void snapsToTwoSignificantDigitsOfTheUnit(double value, long snapped) {
        assertEquals(snapped, memory.snap(value));
    }

    @Test
    void decimalScalesSnapInPowersOfTen() {
        LogScale weight = new LogScale(1, 10_000, false);
        assertEquals(2500, weight.snap(2512));
        assertEquals(100, weight.snap(100.4));
        assertTrue(weight.snappedValue(0) >= 1);
        assertEquals(10_000, weight.snappedValue(1));
    }

    @Test
    void refusesAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> new LogScale(0, 10, true));
        assertThrows(IllegalArgumentException.class, () -> new LogScale(10, 10, true));
    }
}
