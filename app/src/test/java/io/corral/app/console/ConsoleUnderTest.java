package io.corral.app.console;

import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.testing.TestPrefs;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real console of a session, as the application composes it (window, panels, sampler
 * and engine), shown on the test's stage with fresh preferences. {@link #close} after each test.
 */
final class ConsoleUnderTest implements AutoCloseable {
    final ConsoleSession session;
    final ConsoleState state;
    final MainWindow window;
    private final ConsolePanels panels;

    private ConsoleUnderTest(ConsoleSession session, MainWindow window, ConsolePanels panels) {
        this.session = session;
        this.state = session.state();
        this.window = window;
        this.panels = panels;
    }

    /** Shows the window on {@code stage} for the session on {@code hostRoot} and starts sampling. */
    static ConsoleUnderTest open(Stage stage, ConsoleSession session, Path hostRoot) {
        MainWindow window = new MainWindow(stage, session.state(), session.actions(), TestPrefs.fresh());
        ConsolePanels panels = ConsolePanels.install(window, session, hostRoot, true, false);
        window.show();
        session.start();
        return new ConsoleUnderTest(session, window, panels);
    }

    @Override
    public void close() {
        panels.close();
        session.close();
    }

    /**
     * Waits, letting the FX thread run, until {@code condition} holds; fails after {@code timeout}.
     * The condition may read a frame the FX thread is still publishing: its listeners finish first.
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
