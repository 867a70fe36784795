package io.corral.views.testing;

import io.corral.views.shell.ConsolePrefs;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * A throwaway preferences node, so tests never touch the user's settings; removed again
 * when the test JVM exits (they used to pile up in ~/.java/.userPrefs/io/corral/test).
 */
public final class TestPrefs {
    private TestPrefs() {
    }

    public static ConsolePrefs fresh() {
        return new ConsolePrefs(throwaway("io/corral/test/" + System.nanoTime()));
    }

    /** A new empty node at {@code path}, removed (with its children) at JVM exit. */
    public static Preferences throwaway(String path) {
        Preferences node = Preferences.userRoot().node(path);
        try {
            node.clear();
        } catch (BackingStoreException ignored) {
            // empty anyway
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.removeNode();
                Preferences.userRoot().flush();
            } catch (BackingStoreException | IllegalStateException ignored) {
                // already gone, or the store is not writable: nothing to keep clean
            }
        }, "corral-test-prefs-cleanup"));
        return node;
    }
}
