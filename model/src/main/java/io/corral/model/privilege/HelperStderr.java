package io.corral.model.privilege;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The helper's stderr (and pkexec's or sudo's, which share it): copied line by line to the
 * console's own stderr by a daemon thread, the last few lines kept, so that when the helper
 * ends without answering the user is told what sudo said ("a password is required", "is not
 * allowed to execute") rather than only an exit status.
 */
final class HelperStderr {
    static final HelperStderr NONE = new HelperStderr();
    private static final int KEPT = 6;
    private final Deque<String> last = new ArrayDeque<>();
    private Thread reader;

    private HelperStderr() {
    }

    static HelperStderr copy(InputStream from, PrintStream to) {
        HelperStderr s = new HelperStderr();
        s.reader = new Thread(() -> s.pump(from, to), "corral-helper-stderr");
        s.reader.setDaemon(true);
        s.reader.start();
        return s;
    }

    private void pump(InputStream from, PrintStream to) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                to.println(line);
                synchronized (last) {
                    last.addLast(line);
                    if (last.size() > KEPT) {
                        last.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the helper's stderr closed under us: it has ended, nothing more to copy
        }
    }

    /** The last lines written, after the stream ended (or a short wait for it). */
    List<String> lastLines() {
        if (reader != null) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (last) {
            return List.copyOf(last);
        }
    }
}
