package io.corral.app;

import io.corral.app.console.FrameFeed;
import io.corral.app.console.KernelFrames;
import io.corral.app.console.SelectedGroupFeed;
import io.corral.model.command.GroupRef;
import io.corral.model.sample.SnapshotReader;
import io.corral.views.group.GroupPanels;
import io.corral.views.limits.EngineLimitSubmitter;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.Journal;
import io.corral.model.command.ProcTasks;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.views.actions.EngineActions;
import io.corral.views.shell.ConsolePrefs;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.time.Duration;
import java.util.Optional;

/**
 * The composition root of the console: the kernel accessors, the command engine on its
 * writer thread, the sampler thread feeding the FX-thread {@link ConsoleState}, and the
 * window. {@code -Dcorral.interval=MILLIS} sets the sampling interval (default 1000).
 */
public final class ConsoleLauncher extends Application {
    /** Set to the nanoTime of launch by {@link #launch}; the first frame's time is printed with -Dcorral.timing. */
    static long launchedAt;
    private FrameFeed feed;
    private SelectedGroupFeed groupFeed;
    private CommandEngine engine;

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
    public void start(Stage stage) throws Exception {
        Duration interval = Duration.ofMillis(Long.getLong("corral.interval", 1000));
        CgroupFs fs = CgroupFs.live();
        ProcFs proc = ProcFs.live();
        KernelFrames frames = new KernelFrames(fs, proc, interval);
        ConsoleState state = new ConsoleState();
        engine = new CommandEngine(fs, new ProcTasks(proc), Optional.of(Journal.atDefaultLocation()),
                CommandEngine.Mode.WRITER_THREAD);
        feed = new FrameFeed(frames::read, state);
        GroupPanels panels = new GroupPanels(new EngineLimitSubmitter(engine::submit, key -> frames.hierarchies()
                .stream().filter(h -> h.id().equals(key.hierarchyId())).findFirst()
                .map(h -> new GroupRef(h, key.path()))));
        groupFeed = new SelectedGroupFeed(fs, new SnapshotReader(fs, proc), panels);
        engine.setListener(r -> {
            feed.resampleNow();
            groupFeed.resampleNow();
        });
        EngineActions actions = new EngineActions(engine,
                id -> frames.hierarchies().stream().filter(h -> h.id().equals(id)).findFirst());
        MainWindow window = new MainWindow(stage, state, actions, ConsolePrefs.forUser());
        window.embed("Limits", panels.editor());
        window.embed("Charts", panels.charts());
        state.selection().groupProperty().addListener((o, was, key) -> {
            // A hierarchy's root has no limits, and reading all of it each second is what we avoid.
            Optional<io.corral.model.cgroup.GroupPath> path = Optional.ofNullable(key)
                    .map(io.corral.views.state.GroupKey::path).filter(p -> !p.isRoot());
            if (path.isEmpty()) {
                panels.clear();
            }
            groupFeed.select(path);
        });
        if (Boolean.getBoolean("corral.timing")) {
            state.frameProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends io.corral.views.state.ConsoleFrame> o,
                                    io.corral.views.state.ConsoleFrame was, io.corral.views.state.ConsoleFrame now) {
                    state.frameProperty().removeListener(this);
                    Platform.runLater(() -> System.err.printf("corral: first populated frame %.0f ms after launch%n",
                            (System.nanoTime() - launchedAt) / 1e6));
                }
            });
        }
        window.show();
        feed.start(interval);
        groupFeed.start(interval);
    }

    @Override
    public void stop() {
        if (feed != null) {
            feed.close();
        }
        if (groupFeed != null) {
            groupFeed.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
