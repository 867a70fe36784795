package io.corral.model.input;

/**
 * Strict parsing of process and thread ids. The kernel parses {@code cgroup.procs}
 * input loosely ({@code 0x10} is 16, {@code 010} is octal 8, {@code 0} is the writing
 * process itself), so user text never reaches it: only integers parsed here, formatted
 * back in decimal by us.
 */
public final class DecimalPid {
    /** Linux's PID_MAX_LIMIT is 2^22; anything above cannot be a pid. */
    public static final int PID_MAX_LIMIT = 4_194_304;

    private DecimalPid() {
    }

    public static int parse(String text) throws InvalidInputException {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(String.valueOf(text), "empty PID");
        }
        if (text.length() > 7) {
            throw new InvalidInputException(text, "PID \"" + printable(text) + "\" is too long (at most "
                    + PID_MAX_LIMIT + ")");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidInputException(text, "PID \"" + printable(text)
                        + "\" is not a plain decimal number (digits 0-9 only; no sign, spaces or 0x)");
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new InvalidInputException(text, "PID \"" + text
                    + "\" has a leading zero (the kernel would read it as octal)");
        }
        int pid = Integer.parseInt(text);
        if (pid == 0) {
            throw new InvalidInputException(text, "PID 0 is refused (the kernel reads 0 as \"the writing process\")");
        }
        if (pid > PID_MAX_LIMIT) {
            throw new InvalidInputException(text, "PID " + pid + " is above the kernel's limit " + PID_MAX_LIMIT);
        }
        return pid;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
