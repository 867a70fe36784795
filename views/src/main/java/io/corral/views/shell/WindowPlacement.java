package io.corral.views.shell;

import javafx.geometry.Rectangle2D;

import java.util.List;

/**
 * Where the main window goes: at its remembered bounds when they are wholly on a screen,
 * otherwise moved (and if need be shrunk) onto the screen it overlaps most — a window saved
 * on a monitor that is gone, or dragged half off the edge, must not come back cut off.
 * Never remembered: centred on the first screen.
 */
public final class WindowPlacement {
    private WindowPlacement() {
    }

    /**
     * @param x       remembered left edge, or NaN
     * @param y       remembered top edge, or NaN
     * @param screens the screens' visual bounds (without panels), the primary first; not empty
     */
    public static Rectangle2D place(double x, double y, double width, double height, List<Rectangle2D> screens) {
        boolean remembered = !Double.isNaN(x) && !Double.isNaN(y);
        Rectangle2D screen = screens.get(0);
        if (remembered) {
            double best = 0;
            for (Rectangle2D s : screens) {
                double overlap = overlap(s, x, y, width, height);
                if (overlap > best) {
                    best = overlap;
                    screen = s;
                }
            }
        }
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        double left = remembered ? x : screen.getMinX() + (screen.getWidth() - w) / 2;
        double top = remembered ? y : screen.getMinY() + (screen.getHeight() - h) / 2;
        left = clamp(left, screen.getMinX(), screen.getMaxX() - w);
        top = clamp(top, screen.getMinY(), screen.getMaxY() - h);
        return new Rectangle2D(left, top, w, h);
    }

    private static double overlap(Rectangle2D s, double x, double y, double w, double h) {
        double dx = Math.min(s.getMaxX(), x + w) - Math.max(s.getMinX(), x);
        double dy = Math.min(s.getMaxY(), y + h) - Math.max(s.getMinY(), y);
        return dx > 0 && dy > 0 ? dx * dy : 0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, max));
    }
}
