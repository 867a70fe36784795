package io.corral.styles;

import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's stylesheets. A theme is a token file between {@code tokens.css} (defaults)
 * and {@code base.css} (components, tokens only); scenes load {@link #stylesheets}.
 */
public final class Themes {
    /** The themes the View menu offers. */
    public enum Theme {
        LIGHT("light.css", "Light"),
        DARK("dark.css", "Dark");

        private final String file;
        private final String label;

        Theme(String file, String label) {
            this.file = file;
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Parses a stored preference value; unknown values are empty. */
        public static Optional<Theme> parse(String name) {
            if (name == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private Themes() {
    }

    /** Stylesheet URLs for a theme, in load order: tokens, theme tokens, base. */
    public static List<String> stylesheets(Theme theme) {
        return List.of(url("tokens.css"), url(theme.file), url("base.css"));
    }

    /** The URL of one stylesheet of this module (for components that add their own). */
    public static String url(String file) {
        URL u = Themes.class.getResource(file);
        return Objects.requireNonNull(u, "missing stylesheet io/corral/styles/" + file).toExternalForm();
    }
}
