package io.corral.app.console;

import io.corral.model.privilege.AdministrativeAccess;
import io.corral.model.privilege.Escalation;
import io.corral.model.privilege.EscalationAvailability;
import io.corral.styles.Themes;
import io.corral.views.actions.ActionReport;
import io.corral.views.shell.MainWindow;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.MenuItem;

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

    static Optional<String> refusal(boolean root, boolean on, List<EscalationAvailability.Availability> ways) {
        if (root) {
            return Optional.of("already running as root");
        }
        if (on) {
            return Optional.of("on: changes go through the privileged helper");
        }
        if (ways.stream().noneMatch(EscalationAvailability.Availability::usable)) {
            return Optional.of(String.join("; ", ways.stream().map(a -> a.program() + ": " + a.reason()).toList()));
        }
        return Optional.empty();
    }

    /** sudo and pkexec, each usable or not with the reason (pkexec needs polkitd on the system bus). */
    static List<EscalationAvailability.Availability> installed() {
        return EscalationAvailability.live().all();
    }

    /** {@code java -cp CLASSPATH io.corral.app.Launcher helper} (or CORRAL_HELPER), as the CLI's --admin starts it. */
    static List<String> helperCommand() {
        return io.corral.app.cli.HelperCommandLine.forThisJvm(System.getenv());
    }

    private void choose() {
        Map<String, Escalation> options = new LinkedHashMap<>();
        List<String> unusable = new ArrayList<>();
        for (EscalationAvailability.Availability a : installed()) {
            if (a.usable()) {
                options.put(LABELS.get(a.escalation()), a.escalation());
            } else {
                unusable.add(a.program() + " is unavailable: " + a.reason());
            }
        }
        if (options.isEmpty()) {
            return;
        }
        ChoiceDialog<String> d = new ChoiceDialog<>(options.keySet().iterator().next(), options.keySet());
        d.initOwner(window.stage());
        d.getDialogPane().getStylesheets().setAll(Themes.stylesheets(window.theme()));
        d.setTitle("Administrative access");
        d.setHeaderText("Change groups that are not yours through a privileged helper.\nThe console itself keeps "
                + "running as you; the helper takes only Corral's commands (no shell, no paths)."
                + unusable.stream().map(u -> "\n" + u).reduce("", String::concat));
        d.setContentText("Start the helper with");
        d.showAndWait().map(options::get).ifPresent(e -> {
            String how = e.name().toLowerCase();
            session.useAdministrativeAccess(AdministrativeAccess.via(e, helperCommand(), Map.of()), how);
            update();
            window.notifications().show(new ActionReport("Administrative access through " + how,
                    ActionReport.Outcome.APPLIED, List.of("The helper starts with your next change; " + how
                    + " may ask for your password then. Launched commands still run as you; a launch into a new "
                    + "user namespace does not use the helper."), Optional.empty()));
        });
    }
}
