package io.corral.views;

import io.corral.styles.Themes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Component stylesheets use the theme's tokens only: a theme file restyles them completely. */
class ComponentStylesheetsTest {
    private static final Pattern DECLARED = Pattern.compile("(-corral-[a-z0-9-]+)\\s*:");

    @ParameterizedTest
    @ValueSource(strings = {"charts/time-series-chart.css", "charts/group-charts.css", "limits/limits-editor.css"})
    void namesNoLiteralColourAndOnlyDefinedTokens(String file) throws IOException {
        String css = strip(read(ComponentStylesheetsTest.class, file));
        assertFalse(Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(|hsb\\(").matcher(css).find(), file + " has a literal colour");
        Set<String> known = new HashSet<>();
        collect(strip(read(Themes.class, "tokens.css")), known);
        collect(css, known); // properties the component itself declares (e.g. -corral-chart-series-1)
        Matcher m = Pattern.compile(":\\s*[^;{}]*").matcher(css);
        while (m.find()) {
            Matcher used = Pattern.compile("-corral-[a-z0-9-]+").matcher(m.group());
            while (used.find()) {
                assertTrue(known.contains(used.group()), file + " uses undefined token " + used.group());
            }
        }
    }

    private static void collect(String css, Set<String> into) {
        Matcher d = DECLARED.matcher(css);
        while (d.find()) {
            into.add(d.group(1));
        }
    }

    private static String read(Class<?> anchor, String file) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("missing " + file + " next to " + anchor);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String strip(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "");
    }
}
