package io.corral.views.charts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleRingTest {

    @Test
    void keepsTheNewestRowsInOrderAfterWrappingAround() {
        SampleRing r = new SampleRing(4, 2);
        for (int t = 1; t <= 10; t++) {
            r.append(t);
            r.setLast(0, t * 10);
            r.setLast(1, -t);
        }
        assertEquals(4, r.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(7 + i, r.time(i));
            assertEquals((7 + i) * 10, r.value(0, i));
            assertEquals(-(7 + i), r.value(1, i));
        }
        assertEquals(10, r.lastTime());
        assertEquals(100, r.last(0));
    }

    @Test
    void findsTheFirstRowInATimeWindowAcrossTheWrapPoint() {
        SampleRing r = new SampleRing(5, 1);
        for (int t = 0; t < 8; t++) {
            r.add(t, t);
        }
        // holds times 3..7; physical storage wrapped after index 4
        assertEquals(0, r.firstAtOrAfter(0));
        assertEquals(2, r.firstAtOrAfter(4.5));
        assertEquals(4, r.firstAtOrAfter(7));
        assertEquals(5, r.firstAtOrAfter(7.5));
        assertEquals(7, r.max(0, 5));
    }

    @Test
    void aNewRowIsAbsentNotZeroUntilSet() {
        SampleRing r = new SampleRing(3, 2);
        r.append(1);
        r.setLast(0, 5);
        assertTrue(Double.isNaN(r.value(1, 0)));
        for (int t = 2; t <= 5; t++) {
            r.append(t);
        }
        assertTrue(Double.isNaN(r.value(0, 2)), "an overwritten slot must not keep the old value");
    }

    @Test
    void maxSkipsAbsentValues() {
        SampleRing r = new SampleRing(4, 1);
        r.add(1, Double.NaN);
        r.add(2, 3);
        r.add(3, Double.NaN);
        assertEquals(3, r.max(0, 0));
        assertTrue(Double.isNaN(new SampleRing(2, 1).max(0, 0)));
    }

    @Test
    void refusesRowsOutsideWhatItHolds() {
        SampleRing r = new SampleRing(2, 1);
        assertThrows(IllegalStateException.class, () -> r.setLast(0, 1));
        r.add(1, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> r.time(1));
    }

    @Test
    void aColumnFirstSetAfterWrappingIsAbsentInTheRowsBefore() {
        SampleRing r = new SampleRing(3, 3);
        for (int t = 1; t <= 5; t++) {
            r.append(t);
            r.setLast(0, t);
            r.setLast(2, Double.NaN);
        }
        assertEquals(1, r.heldColumns(), "absent values alone make no array");
        r.setLast(1, 42);
        assertEquals(2, r.heldColumns());
        assertTrue(Double.isNaN(r.value(1, 0)));
        assertTrue(Double.isNaN(r.value(1, 1)));
        assertEquals(42, r.value(1, 2));
        assertEquals(42, r.max(1, 0));
        assertTrue(Double.isNaN(r.max(2, 0)));
        r.append(6);
        assertTrue(Double.isNaN(r.last(1)), "a new row is absent in a held column too");
        assertEquals(42, r.value(1, 1));
    }

    @Test
    void anEmptyRingHoldsNoArrays() {
        SampleRing r = new SampleRing(1000, 2);
        assertEquals(0, r.heldColumns());
        assertTrue(Double.isNaN(r.lastTime()));
        assertTrue(Double.isNaN(r.last(1)));
    }
}
