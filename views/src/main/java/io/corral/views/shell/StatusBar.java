package io.corral.views.shell;

import io.corral.model.cgroup.CgroupLayout;
import io.corral.styles.Styles;
import io.corral.views.state.ConsoleFrame;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.HostFacts;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.Duration;
import java.util.Locale;

/** Host name, kernel, cgroup layout, sampling interval, last refresh duration, privileges. */
public final class StatusBar extends HBox {
    private final Label host = label("status-host");
    private final Label kernel = label("status-kernel");
    private final Label layout = label("status-layout");
    private final Label interval = label("status-interval");
    private final Label refresh = label("status-refresh");
    private final Label groups = label("status-groups");
    private final Label privileges = label("status-privileges");

    public StatusBar(ConsoleState state) {
        getStyleClass().add(Styles.STATUS_BAR);
        setId("status-bar");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        layout.setTooltip(new Tooltip("v1 (legacy): one hierarchy per controller set. v2 (unified): one tree "
                + "for all controllers. Hybrid: v1 controllers plus a cgroup2 mount (systemd's default on older "
                + "distributions)."));
        getChildren().setAll(host, kernel, layout, interval, refresh, groups, spring, privileges);
        // In a narrow window the kernel release, the layout and the interval give way (cut
        // with an ellipsis, whole in their tooltip); who you are and what you see do not.
        for (Label l : java.util.List.of(host, refresh, groups, privileges)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        host.setText("connecting to the kernel\u2026");
        state.frameProperty().addListener((o, was, now) -> show(now));
    }

    private void show(ConsoleFrame f) {
        if (f == null) {
            return;
        }
        HostFacts h = f.host();
        host.setText(h.hostname());
        if (!kernel.getText().equals("Linux " + h.kernel())) {
            kernel.setText("Linux " + h.kernel());
            kernel.setTooltip(new Tooltip(kernel.getText()));
        }
        layout.setText("cgroup " + layoutText(h.layout()));
        interval.setText("sampling every " + duration(h.samplingInterval()));
        refresh.setText("last refresh " + duration(f.refreshDuration()));
        groups.setText(f.groupCount() + " groups");
        privileges.setText(h.privileges().describe());
        privileges.getStyleClass().removeAll(Styles.PRIVILEGES_ROOT, Styles.PRIVILEGES_READ_ONLY);
        privileges.getStyleClass().add(h.privileges().root() ? Styles.PRIVILEGES_ROOT : Styles.PRIVILEGES_READ_ONLY);
    }

    static String layoutText(CgroupLayout l) {
        return switch (l) {
            case LEGACY -> "v1 (legacy)";
            case UNIFIED -> "v2 (unified)";
            case HYBRID -> "hybrid (v1 + v2)";
            case NONE -> "not mounted";
        };
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
        }
        if (ms >= 1) {
            return ms + " ms";
        }
        return String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        return l;
    }
}
