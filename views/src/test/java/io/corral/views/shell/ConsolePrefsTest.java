package io.corral.views.shell;

import io.corral.styles.Themes.Theme;
import org.junit.jupiter.api.Test;

import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsolePrefsTest {
    private final Preferences node = io.corral.views.testing.TestPrefs.throwaway("io/corral/test/prefs-" + System.nanoTime());

    @Test
    void defaultsAreLightAndAWindowOf1400By900() {
        ConsolePrefs p = new ConsolePrefs(node);
        assertEquals(Theme.LIGHT, p.theme());
        double[] b = p.windowBounds();
        assertTrue(Double.isNaN(b[0]) && Double.isNaN(b[1]));
        assertEquals(1400, b[2]);
        assertEquals(900, b[3]);
        assertEquals(0.55, p.divider("main", 0.55));
    }

    @Test
    void rememberedThemeBoundsAndDividersComeBack() {
        ConsolePrefs p = new ConsolePrefs(node);
        p.setTheme(Theme.DARK);
        p.setWindowBounds(10, 20, 1500, 950);
        p.setDivider("main", 0.4);
        p.flush();
        ConsolePrefs again = new ConsolePrefs(node);
        assertEquals(Theme.DARK, again.theme());
        assertArrayEquals(new double[] {10, 20, 1500, 950}, again.windowBounds());
        assertEquals(0.4, again.divider("main", 0.55));
    }

    @Test
    void nonsenseStoredValuesFallBackToDefaults() {
        node.put("theme", "neon");
        node.putDouble("window.width", 12);
        node.putDouble("divider.main", 0.999);
        ConsolePrefs p = new ConsolePrefs(node);
        assertEquals(Theme.LIGHT, p.theme());
        assertEquals(640, p.windowBounds()[2]);
        assertEquals(0.55, p.divider("main", 0.55));
    }
}
