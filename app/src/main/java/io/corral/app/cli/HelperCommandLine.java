package io.corral.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The exact command line that starts {@code corral helper}, as sudo and pkexec must see it:
 * this JVM's own java and class path ({@code java -cp CP io.corral.app.Launcher helper}),
 * or {@code CORRAL_HELPER} (absolute program and arguments separated by spaces, e.g. an
 * installed {@code /usr/lib/corral/corral-helper}). A sudoers rule names it word for word,
 * so {@link #sudoersRule} prints the one rule that lets one user run exactly this and
 * nothing else without a password.
 */
public final class HelperCommandLine {
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

    private HelperCommandLine() {
    }

    public static List<String> forThisJvm(Map<String, String> env) {
        String configured = env.get("CORRAL_HELPER");
        if (configured != null && !configured.isBlank()) {
            List<String> words = List.of(configured.trim().split("\\s+"));
            if (!words.get(0).startsWith("/")) {
                throw new IllegalArgumentException("CORRAL_HELPER must start with an absolute program path, not "
                        + words.get(0));
            }
            return words;
        }
        String jvm = ProcessHandle.current().info().command()
                .orElse(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(jvm, "-cp", System.getProperty("java.class.path"), "io.corral.app.Launcher", "helper");
    }

    /**
     * {@code USER ALL=(root) NOPASSWD: COMMAND ARGS}, with sudoers' special characters in the
     * arguments escaped ({@code \ , : =}). A rule with arguments matches only exactly those
     * arguments, so it grants the helper and nothing else.
     */
    public static String sudoersRule(String user, List<String> command) {
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("\"" + user + "\" is not a user name sudoers can take as is");
        }
        List<String> words = new ArrayList<>();
        for (String w : command) {
            if (w.isEmpty() || w.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20 || c == '"')) {
                throw new IllegalArgumentException("the helper command has an argument sudoers cannot name exactly: \""
                        + w + "\" (set CORRAL_HELPER to a path without spaces)");
            }
            words.add(w.replaceAll("([\\\\,:=])", "\\\\$1"));
        }
        if (!command.get(0).startsWith("/")) {
            throw new IllegalArgumentException("sudoers needs an absolute program path, not " + command.get(0));
        }
        return user + " ALL=(root) NOPASSWD: " + String.join(" ", words);
    }
}
