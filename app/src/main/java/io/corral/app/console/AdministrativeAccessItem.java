package io.corral.app.console;

import io.corral.model.privilege.AdministrativeAccess;
import io.corral.model.privilege.Escalation;
import io.corral.styles.Themes;
import io.corral.views.actions.ActionReport;
import io.corral.views.shell.MainWindow;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.MenuItem;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * File > "Administrative access...": when not root, the user chooses pkexec or sudo, and
 * from then on the console's group commands and limits go to the privileged helper
 * ({@code corral helper}, started on demand by {@link AdministrativeAccess} at the next
 * change, which is when pkexec or sudo asks for the password). Disabled with the reason
 * when already root, already on, or when neither pkexec nor sudo is installed.
 */
final class AdministrativeAccessItem {
    private static final Map<Escalation, String> LABELS = Map.of(
            Escalation.PKEXEC, "pkexec (polkit asks for your password in a window)",
            Escalation.SUDO, "sudo (asks for your password on the terminal Corral was started from)");
    private final ConsoleSession session;
    private final MainWindow window;
    private final MenuItem item = new MenuItem();

    AdministrativeAccessItem(ConsoleSession session, MainWindow window) {
        this.session = session;
        this.window = window;
        item.setId("menu-admin-access");
        item.setMnemonicParsing(false);
        item.setOnAction(e -> choose());
        session.state().frameProperty().addListener((o, was, now) -> update());
        update();
    }

    MenuItem menuItem() {
        return item;
    }

    private void update() {
        Optional<String> refusal = refusal(session.state().frame().map(f -> f.host().privileges().root()).orElse(false),
                session.administrativeAccess(), installed());
        item.setDisable(refusal.isPresent());
        item.setText("Administrative access\u2026" + refusal.map(r -> "  (" + r + ")").orElse(""));
    }

    static Optional<String> refusal(boolean root, boolean on, List<Escalation> installed) {
        if (root) {
            return Optional.of("already running as root");
        }
        if (on) {
            return Optional.of("on: changes go through the privileged helper");
        }
        if (installed.isEmpty()) {
            return Optional.of("neither pkexec nor sudo is installed");
        }
        return Optional.empty();
    }

    /** pkexec and sudo as found on PATH. */
    static List<Escalation> installed() {
        List<Escalation> out = new ArrayList<>();
        if (onPath("pkexec")) {
            out.add(Escalation.PKEXEC);
        }
        if (onPath("sudo")) {
            out.add(Escalation.SUDO);
        }
        return out;
    }

    private static boolean onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** {@code java -cp CLASSPATH io.corral.app.Launcher helper}, with an absolute java (pkexec needs one). */
    static List<String> helperCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), "io.corral.app.Launcher", "helper");
    }

    private void choose() {
        Map<String, Escalation> options = new LinkedHashMap<>();
        installed().forEach(e -> options.put(LABELS.get(e), e));
        if (options.isEmpty()) {
            return;
        }
        ChoiceDialog<String> d = new ChoiceDialog<>(options.keySet().iterator().next(), options.keySet());
        d.initOwner(window.stage());
        d.getDialogPane().getStylesheets().setAll(Themes.stylesheets(window.theme()));
        d.setTitle("Administrative access");
        d.setHeaderText("Change groups that are not yours through a privileged helper.\nThe console itself keeps "
                + "running as you; the helper takes only Corral's commands (no shell, no paths).");
        d.setContentText("Start the helper with");
        d.showAndWait().map(options::get).ifPresent(e -> {
            String how = e.name().toLowerCase();
            session.useAdministrativeAccess(AdministrativeAccess.via(e, helperCommand(), Map.of()), how);
            update();
            window.notifications().show(new ActionReport("Administrative access through " + how,
                    ActionReport.Outcome.APPLIED, List.of("The helper starts with your next change; " + how
                    + " may ask for your password then. Launches and id maps still run as you."), Optional.empty()));
        });
    }
}
