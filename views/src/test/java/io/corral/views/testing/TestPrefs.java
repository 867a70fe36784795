package io.corral.views.testing;

import io.corral.views.shell.ConsolePrefs;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** A throwaway preferences node, so tests never touch the user's settings. */
public final class TestPrefs {
    private TestPrefs() {
    }

    public static ConsolePrefs fresh() {
        Preferences node = Preferences.userRoot().node("io/corral/test/" + System.nanoTime());
        try {
            node.clear();
        } catch (BackingStoreException ignored) {
            // empty anyway
        }
        return new ConsolePrefs(node);
    }
}
