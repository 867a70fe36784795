package io.corral.app.console;

import io.corral.model.host.HardwareReader;
import io.corral.model.namespace.IdMapWriter;
import io.corral.model.namespace.NamespaceReader;
import io.corral.views.charts.GroupChartsView;
import io.corral.views.limits.LimitsEditor;
import io.corral.views.limits.LimitsEditorModel;
import io.corral.views.namespaces.BackgroundIdMapSubmitter;
import io.corral.views.namespaces.NamespacePanel;
import io.corral.views.namespaces.NamespaceRefresher;
import io.corral.views.namespaces.NamespaceViewModel;
import io.corral.views.shell.MainWindow;
import io.corral.views.shell.SelectedGroupPanels;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * Embeds the panels of the other features below the task table: Limits and Charts of the
 * selected group (fed per frame by {@link SelectedGroupPanels}) and Namespaces (its own
 * low-rate reader). Returns what must be closed with the window.
 */
public final class ConsolePanels implements AutoCloseable {
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
        new SelectedGroupPanels(session.state(), limits, charts, new HardwareReader(hostRoot).read());
        window.embed("Limits", new LimitsEditor(limits));
        window.embed("Charts", charts);
        if (!namespaces) {
            return new ConsolePanels(null);
        }

        NamespaceViewModel ns = new NamespaceViewModel(privileged, new BackgroundIdMapSubmitter(IdMapWriter.live(),
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "corral-idmap-writer");
                    t.setDaemon(true);
                    return t;
                })));
        window.embed("Namespaces", new NamespacePanel(ns));
        NamespaceRefresher refresher = new NamespaceRefresher(NamespaceReader.live()::read, ns::setSnapshot,
                e -> System.err.println("corral: reading namespaces failed: " + e.getMessage()));
        refresher.start(NamespaceRefresher.DEFAULT_PERIOD);
        return new ConsolePanels(refresher);
    }

    @Override
    public void close() {
        if (namespaces != null) {
            namespaces.close();
        }
    }
}
