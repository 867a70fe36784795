package io.corral.app;

import io.corral.app.console.ConsolePanels;
import io.corral.app.console.ConsoleSession;
import io.corral.views.state.ConsoleFrame;
import io.corral.views.shell.ConsolePrefs;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.stage.Stage;

import io.corral.model.checkpoint.CheckpointService;
import io.corral.views.checkpoint.CheckpointFeature;
import io.corral.views.checkpoint.CriuAvailability;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root of the console: the kernel accessors, the command engine on its
 * writer thread, the sampler thread feeding the FX-thread {@link ConsoleState}, and the
 * window. {@code -Dcorral.interval=MILLIS} sets the sampling interval (default 1000).
 */
public final class ConsoleLauncher extends Application {
    /** Set to the nanoTime of launch by {@link #launch}; the first frame's time is printed with -Dcorral.timing. */
    static long launchedAt;
    private ConsoleSession session;
    private ConsolePanels panels;
    private ExecutorService checkpointWorker;

    public static void launch(String[] args) {
        launchedAt = System.nanoTime();
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            System.err.println("corral: no display (DISPLAY is not set). Start an X server or run under "
                    + "xvfb-run, or use the CLI: corral --help");
            System.exit(2);
        }
        Application.launch(ConsoleLauncher.class, args);
    }

    @Override
    public void start(Stage stage) {
        Duration interval = Duration.ofMillis(Long.getLong("corral.interval", 1000));
        session = ConsoleSession.live(interval);
        // Sample first: the first snapshot (seconds on a big host) is read on the sampler
        // thread while this thread builds and shows the window. Its frame cannot be missed:
        // ConsoleState publishes through runLater, which runs only after start() returned.
        session.start();
        ConsoleState state = session.state();
        MainWindow window = new MainWindow(stage, state, session.actions(), ConsolePrefs.forUser());
        panels = ConsolePanels.install(window, session, java.nio.file.Path.of("/"),
                session.privileges().map(p -> p.model().isRoot()).orElse(false), true);
        if (Boolean.getBoolean("corral.timing")) {
            reportFirstFrame(state);
        }
        installCheckpoints(window, state);
        window.show();
        ConsoleProbe.fromSystemProperty().ifPresent(p -> p.start(session, window));
        if (Boolean.getBoolean("corral.timing")) {
            Platform.runLater(() -> System.err.printf("corral: window shown %.0f ms after launch%n",
                    (System.nanoTime() - launchedAt) / 1e6));
        }
    }

    /**
     * Checkpoint/restore: the live {@link CheckpointService} (catalog and CRIU from the
     * environment, as the CLI), its calls on a worker pool (a dump or a self-test blocks for
     * seconds), the CRIU self-test started at once.
     */
    private void installCheckpoints(MainWindow window, ConsoleState state) {
        CheckpointService service = CheckpointService.live(CheckpointService.Config.fromEnvironment(System.getenv()));
        AtomicInteger n = new AtomicInteger();
        checkpointWorker = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "corral-checkpoint-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CriuAvailability criu = new CriuAvailability(service::criuStatus, checkpointWorker);
        CheckpointFeature feature = new CheckpointFeature(state, service, criu, checkpointWorker, window::stage);
        feature.install(window);
        feature.offerThawOfLeftovers();
    }

    /** Prints the time from launch to the first frame populated from the kernel (-Dcorral.timing=true). */
    private static void reportFirstFrame(ConsoleState state) {
        state.frameProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends ConsoleFrame> o, ConsoleFrame was, ConsoleFrame now) {
                state.frameProperty().removeListener(this);
                // runLater: after the pulse that lays out this frame has been scheduled.
                Platform.runLater(() -> System.err.printf("corral: first populated frame %.0f ms after launch%n",
                        (System.nanoTime() - launchedAt) / 1e6));
            }
        });
    }

    @Override
    public void stop() {
        if (panels != null) {
            panels.close();
        }
        if (session != null) {
            session.close();
        }
        if (checkpointWorker != null) {
            checkpointWorker.shutdownNow();
        }
    }
}
