package io.corral.model.kernel;

/**
 * A kernel file whose contents do not have the documented shape (a different kernel
 * version, or a fixture mistake). Carries the file and what it held, so the read problem
 * can be shown as it is.
 */
public final class MalformedFileException extends Exception {
    private final String file;
    private final String content;

    public MalformedFileException(String file, String content, String reason) {
        super(file + ": " + reason + " (content \"" + shorten(content) + "\")");
        this.file = file;
        this.content = content;
    }

    public String file() {
        return file;
    }

    public String content() {
        return content;
    }

    private static String shorten(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replace("\n", "\\n");
    }
}
