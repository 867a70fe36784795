package io.corral.app.console;

import io.corral.model.host.HardwareReader;
import io.corral.model.namespace.NamespaceReader;
import io.corral.views.charts.GroupChartsView;
import io.corral.views.limits.LimitsEditor;
import io.corral.views.limits.LimitsEditorModel;
import io.corral.views.namespaces.BackgroundLauncher;
import io.corral.views.namespaces.EngineIdMapSubmitter;
import io.corral.views.namespaces.LaunchAction;
import io.corral.views.namespaces.NamespaceColumn;
import io.corral.views.namespaces.NamespacePanel;
import io.corral.views.namespaces.NamespaceRefresher;
import io.corral.views.namespaces.NamespaceViewModel;
import io.corral.views.shell.MainWindow;
import io.corral.views.shell.SelectedGroupPanels;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Embeds the panels of the other features below the task table: Limits and Charts of the
 * selected group (fed per frame by {@link SelectedGroupPanels}) and Namespaces (its own
 * low-rate reader). Returns what must be closed with the window.
 */
public final class ConsolePanels implements AutoCloseable {
    /** Resolves launch targets and starts nothing itself: the engine's writer thread launches. */
    private static final Executor LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corral-launch-resolver");
        t.setDaemon(true);
        return t;
    });
    private final NamespaceRefresher namespaces;

    private ConsolePanels(NamespaceRefresher namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * @param namespaces also embed the namespaces panel (it reads the live /proc, so fixture
     *                   hosts leave it out)
     */
    public static ConsolePanels install(MainWindow window, ConsoleSession session, Path hostRoot, boolean privileged,
                                        boolean namespaces) {
        LimitsEditorModel limits = new LimitsEditorModel(session.limitSubmitter(), Platform::runLater);
        GroupChartsView charts = new GroupChartsView();
        charts.timeWith(session.state().work());
        new SelectedGroupPanels(session.state(), limits, charts, new HardwareReader(hostRoot).read());
        window.embed("Limits", io.corral.views.limits.LimitsReadOnly.guard(new LimitsEditor(limits), session.state()));
        window.addGroupAction(new LaunchAction(session.state(), new BackgroundLauncher(session.fs(), session::submitProcessCommand,
                LAUNCHER), window.runner(), session::report, window::stage, window::theme,
                g -> launchRefusal(session, g.orElseThrow())).windowAction());
        window.addMenuItem("menu-file", new AdministrativeAccessItem(session, window).menuItem());
        window.embed("Charts", charts);
        if (!namespaces) {
            return new ConsolePanels(null);
        }

        NamespaceViewModel ns = new NamespaceViewModel(privileged, new EngineIdMapSubmitter(session::submitProcessCommand));
        window.embed("Namespaces", new NamespacePanel(ns));
        NamespaceColumn.install(window.tasks().column("Namespaces"), session.state());
        window.tasks().addHeaderLine(NamespaceColumn.containerHint(session.state()));
        // The one namespace reader: the panel, the task table and the container hint share its snapshot.
        NamespaceRefresher refresher = new NamespaceRefresher(NamespaceReader.live()::read, snap -> {
            ns.setSnapshot(snap);
            session.state().setNamespaces(snap);
        }, e -> System.err.println("corral: reading namespaces failed: " + e.getMessage()));
        refresher.start(NamespaceRefresher.DEFAULT_PERIOD);
        return new ConsolePanels(refresher);
    }

    /**
     * Launching writes the new process into the group's cgroup.procs from this process (the
     * helper does not launch): this user itself must be allowed to, administrative access or not.
     */
    private static Optional<String> launchRefusal(ConsoleSession session, io.corral.views.state.GroupRow g) {
        return session.state().frame().flatMap(f -> f.hierarchy(g.key().hierarchyId()).flatMap(h -> {
            var ref = new io.corral.model.command.GroupRef(h.hierarchy(), g.key().path());
            var p = f.host().privileges();
            return p.verdicts().isPresent()
                    ? p.verdicts().map(v -> v.canConfigure(ref, "cgroup.procs")).filter(v -> !v.allowed())
                    .map(v -> v.reason() + " (launches run as you, not through the helper)")
                    : p.refuseConfigure(ref, "cgroup.procs");
        }));
    }

    @Override
    public void close() {
        if (namespaces != null) {
            namespaces.close();
        }
    }
}
