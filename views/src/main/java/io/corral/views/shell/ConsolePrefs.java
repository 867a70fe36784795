package io.corral.views.shell;

import io.corral.styles.Themes.Theme;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the console remembers between runs (java.util.prefs): theme, window bounds, split
 * positions. Tests pass a throwaway node so they never touch the user's settings.
 */
public final class ConsolePrefs {
    public static final double DEFAULT_WIDTH = 1400;
    public static final double DEFAULT_HEIGHT = 900;
    private final Preferences node;

    public ConsolePrefs(Preferences node) {
        this.node = node;
    }

    public static ConsolePrefs forUser() {
        return new ConsolePrefs(Preferences.userRoot().node("io/corral/console"));
    }

    public Theme theme() {
        return Theme.parse(node.get("theme", null)).orElse(Theme.LIGHT);
    }

    public void setTheme(Theme t) {
        node.put("theme", t.name());
    }

    /** Window bounds x, y, width, height; the defaults centre-less 1400x900 when never saved. */
    public double[] windowBounds() {
        return new double[] {
            node.getDouble("window.x", Double.NaN), node.getDouble("window.y", Double.NaN),
            Math.max(640, node.getDouble("window.width", DEFAULT_WIDTH)),
            Math.max(400, node.getDouble("window.height", DEFAULT_HEIGHT))};
    }

    public void setWindowBounds(double x, double y, double w, double h) {
        node.putDouble("window.x", x);
        node.putDouble("window.y", y);
        node.putDouble("window.width", w);
        node.putDouble("window.height", h);
    }

    public boolean maximized() {
        return node.getBoolean("window.maximized", false);
    }

    public void setMaximized(boolean m) {
        node.putBoolean("window.maximized", m);
    }

    /** Divider position of a split pane by name, in [0, 1]. */
    public double divider(String name, double fallback) {
        double v = node.getDouble("divider." + name, fallback);
        return v > 0.05 && v < 0.95 ? v : fallback;
    }

    public void setDivider(String name, double position) {
        node.putDouble("divider." + name, position);
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // Preferences are a convenience: a read-only home must not break the console.
        }
    }
}
