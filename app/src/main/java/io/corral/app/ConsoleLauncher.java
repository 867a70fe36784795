package io.corral.app;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;

/** Opens the console window. */
public final class ConsoleLauncher extends Application {

    public static void launch(String[] args) {
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
        TreeItem<String> root = new TreeItem<>("hierarchies");
        for (Hierarchy h : new HierarchyDiscovery(CgroupFs.live()).discover()) {
            root.getChildren().add(new TreeItem<>(h.label() + "  " + h.mount()));
        }
        root.setExpanded(true);
        stage.setTitle("Corral");
        stage.setScene(new Scene(new TreeView<>(root), 900, 600));
        stage.show();
    }
}
