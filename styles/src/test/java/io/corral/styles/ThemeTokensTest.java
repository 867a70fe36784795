package io.corral.styles;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThemeTokensTest {
    private static final Pattern TOKEN = Pattern.compile("(-corral-[a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})\\s*;");

    @Test
    void everyThemeOverridesExactlyTheDefinedTokens() throws IOException {
        Map<String, String> defaults = tokens("tokens.css");
        for (Themes.Theme t : Themes.Theme.values()) {
            assertEquals(defaults.keySet(), tokens(t.name().toLowerCase() + ".css").keySet(), t + " tokens");
        }
    }

    @Test
    void baseStylesheetNamesNoLiteralColour() throws IOException {
        String base = stripComments(read("base.css"));
        assertFalse(Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(|hsb\\(").matcher(base).find(),
                "base.css must use tokens only");
        Matcher m = Pattern.compile("-corral-[a-z-]+").matcher(base);
        Map<String, String> defined = tokens("tokens.css");
        while (m.find()) {
            assertTrue(defined.containsKey(m.group()), "undefined token " + m.group());
        }
    }

    @Test
    void darkThemeIsDarkAndItsTextReadable() throws IOException {
        Map<String, String> dark = tokens("dark.css");
        assertTrue(luminance(dark.get("-corral-bg")) < 0.05, "dark background");
        assertTrue(luminance(dark.get("-corral-surface")) < 0.05, "dark surface");
        for (String bg : new String[] {"-corral-bg", "-corral-surface", "-corral-surface-alt", "-corral-header"}) {
            assertTrue(contrast(dark.get("-corral-fg"), dark.get(bg)) >= 7, "fg on " + bg);
            assertTrue(contrast(dark.get("-corral-fg-muted"), dark.get(bg)) >= 4.5, "muted fg on " + bg);
        }
        assertTrue(contrast(dark.get("-corral-accent-fg"), dark.get("-corral-accent")) >= 3, "text on selection");
    }

    @Test
    void lightThemeTextReadable() throws IOException {
        Map<String, String> light = tokens("light.css");
        for (String bg : new String[] {"-corral-bg", "-corral-surface", "-corral-header"}) {
            assertTrue(contrast(light.get("-corral-fg"), light.get(bg)) >= 7, "fg on " + bg);
            assertTrue(contrast(light.get("-corral-fg-muted"), light.get(bg)) >= 4.5, "muted fg on " + bg);
        }
    }

    @Test
    void stylesheetUrlsResolveInLoadOrder() {
        var urls = Themes.stylesheets(Themes.Theme.DARK);
        assertEquals(3, urls.size());
        assertTrue(urls.get(0).endsWith("tokens.css") && urls.get(1).endsWith("dark.css") && urls.get(2).endsWith("base.css"));
        assertEquals(Themes.Theme.DARK, Themes.Theme.parse("dark").orElseThrow());
        assertTrue(Themes.Theme.parse("neon").isEmpty());
    }

    private static Map<String, String> tokens(String file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = TOKEN.matcher(stripComments(read(file)));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        assertFalse(out.isEmpty(), file);
        return out;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = Themes.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String stripComments(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "");
    }

    /** WCAG relative luminance of #rrggbb. */
    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
}
