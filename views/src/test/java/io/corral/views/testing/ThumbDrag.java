package io.corral.views.testing;

import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Drags a slider's thumb with mouse events delivered to the thumb (press, drags, release),
 * so the slider's own skin and behaviour run as for a person (valueChanging is true while
 * dragging). Used instead of the glass robot: Monocle's headless mouse keeps drag state
 * after a robot drag that breaks the next test's drag-and-drop.
 */
public final class ThumbDrag {
    private ThumbDrag() {
    }

    /** Call on the FX thread: drags by {@code dx} pixels in {@code steps} moves, then lets go. */
    public static void drag(Slider slider, double dx, int steps) {
        Node thumb = slider.lookup(".thumb");
        Bounds b = thumb.localToScene(thumb.getBoundsInLocal());
        double x = b.getCenterX();
        double y = b.getCenterY();
        Event.fireEvent(thumb, event(MouseEvent.MOUSE_PRESSED, x, y, true));
        for (int i = 1; i <= steps; i++) {
            Event.fireEvent(thumb, event(MouseEvent.MOUSE_DRAGGED, x + dx * i / steps, y, true));
        }
        Event.fireEvent(thumb, event(MouseEvent.MOUSE_RELEASED, x + dx, y, false));
    }

    private static MouseEvent event(javafx.event.EventType<MouseEvent> type, double sceneX, double sceneY,
                                    boolean down) {
        return new MouseEvent(type, sceneX, sceneY, sceneX, sceneY, MouseButton.PRIMARY, 1,
                false, false, false, false, down, false, false, true, false, true, null);
    }
}
