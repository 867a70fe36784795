package io.corral.views.shell;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1600, 1000);
    private static final Rectangle2D RIGHT = new Rectangle2D(1600, 0, 2560, 1440);

    @Test
    void rememberedBoundsWhollyOnAScreenAreKept() {
        assertEquals(new Rectangle2D(100, 50, 1400, 900), WindowPlacement.place(100, 50, 1400, 900, List.of(LAPTOP)));
        assertEquals(new Rectangle2D(2000, 200, 1400, 900),
                WindowPlacement.place(2000, 200, 1400, 900, List.of(LAPTOP, RIGHT)));
    }

    @Test
    void aWindowHalfOffTheLeftEdgeComesBackWhole() {
        assertEquals(new Rectangle2D(0, 41, 1400, 900), WindowPlacement.place(-60, 41, 1400, 900, List.of(LAPTOP)));
    }

    @Test
    void aWindowOfAMonitorThatIsGoneMovesOntoTheOneLeftAndShrinksToFit() {
        // Saved on the big right-hand monitor at 2400x1300; only the laptop screen is left.
        assertEquals(new Rectangle2D(0, 0, 1600, 1000), WindowPlacement.place(1800, 100, 2400, 1300, List.of(LAPTOP)));
    }

    @Test
    void aWindowMostlyOnTheSecondScreenIsClampedOntoThatOne() {
        Rectangle2D r = WindowPlacement.place(3900, 100, 1400, 900, List.of(LAPTOP, RIGHT));
        assertEquals(new Rectangle2D(2760, 100, 1400, 900), r);
    }

    @Test
    void neverRememberedIsCentredOnTheFirstScreen() {
        assertEquals(new Rectangle2D(100, 50, 1400, 900),
                WindowPlacement.place(Double.NaN, Double.NaN, 1400, 900, List.of(LAPTOP, RIGHT)));
    }
}
