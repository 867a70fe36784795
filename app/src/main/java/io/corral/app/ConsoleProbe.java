package io.corral.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.app.cli.HelperCommandLine;
import io.corral.app.console.ConsoleSession;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.privilege.AdministrativeAccess;
import io.corral.model.privilege.Escalation;
import io.corral.model.sample.GroupKey;
import io.corral.views.actions.ActionReport;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleFrame;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A hidden mode of the real console for end-to-end tests as a normal user
 * ({@code -Dcorral.probe=FILE}, headless Monocle is enough): after the first snapshot it
 * selects each listed group and reads the group actions' states off the window's own
 * toolbar buttons and menu items (enabled, or disabled with the reason they show), judges
 * and performs a move through the console's action path (the drop's verdict, then
 * {@code GroupActions.moveTasks}), optionally turns on administrative access exactly as
 * File > Administrative access does and creates a group through it, prints one line
 * {@code CORRAL-PROBE {json}} and exits. FILE:
 * <pre>
 * {"groups":["pids:/g", "unified:/d"], "move":{"pid":N,"from":"unified:/d/a","to":"unified:/d/b"},
 *  "admin":"sudo", "create":{"parent":"pids:/g","name":"child"}}
 * </pre>
 */
final class ConsoleProbe {
    static final String PREFIX = "CORRAL-PROBE ";
    private static final List<String> ACTIONS = List.of("new-group", "remove-group", "controllers", "freeze",
            "kill-all");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode request;
    private final ObjectNode out = JSON.createObjectNode();
    private ConsoleSession session;
    private MainWindow window;

    private ConsoleProbe(JsonNode request) {
        this.request = request;
    }

    static Optional<ConsoleProbe> fromSystemProperty() {
        String file = System.getProperty("corral.probe");
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConsoleProbe(JSON.readTree(Files.readString(Path.of(file)))));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("corral.probe: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Starts on the FX thread, after the window is shown; ends the JVM when done (or after 90 s). */
    void start(ConsoleSession s, MainWindow w) {
        session = s;
        window = w;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(90));
            } catch (InterruptedException e) {
                return;
            }
            out.put("timeout", true);
            finish(3);
        }, "corral-probe-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        // A whole frame: while the first reading comes in phases, actions wait for it.
        frame(f -> f.snapshot().map(x -> !x.partial()).orElse(true)).thenAccept(f -> {
            out.put("uid", f.host().privileges().verdicts().map(p -> p.uid()).orElse(-1));
            out.put("status", f.host().privileges().describe());
            out.set("groups", actionStates());
            move().thenCompose(v -> administrative()).whenComplete((v, e) -> {
                if (e != null) {
                    out.put("error", String.valueOf(e));
                }
                finish(e == null ? 0 : 4);
            });
        });
    }

    /** The next frame that matches (the current one if it does), on the FX thread. */
    private CompletableFuture<ConsoleFrame> frame(Predicate<ConsoleFrame> wanted) {
        CompletableFuture<ConsoleFrame> f = new CompletableFuture<>();
        Runnable check = () -> session.state().frame().filter(wanted).ifPresent(f::complete);
        session.state().frameProperty().addListener((o, was, now) -> check.run());
        Platform.runLater(check);
        return f;
    }

    private ObjectNode actionStates() {
        ObjectNode groups = JSON.createObjectNode();
        for (JsonNode g : request.path("groups")) {
            GroupKey key = key(g.asText());
            session.state().selection().selectGroup(key);
            ObjectNode states = groups.putObject(g.asText());
            states.put("shown", session.state().selection().groupRow().get().isPresent());
            for (String id : ACTIONS) {
                states.set(id, state(id));
            }
        }
        return groups;
    }

    /** {"enabled":true} or {"enabled":false,"reason":...} as the toolbar button (or menu item) shows it. */
    private ObjectNode state(String id) {
        ObjectNode s = JSON.createObjectNode();
        Node n = window.scene().lookup("#tool-" + id);
        if (n instanceof Button b) {
            s.put("enabled", !b.isDisable());
            // "Name  [key]\nUnavailable: why" (GuardedButton: on the wrapper while disabled).
            Optional<String> tip = io.corral.views.shell.GuardedButton.tooltipOf(b);
            if (b.isDisable() && tip.isPresent()) {
                String t = tip.get().substring(tip.get().indexOf('\n') + 1);
                s.put("reason", t.startsWith("Unavailable: ") ? t.substring("Unavailable: ".length()) : t);
            }
            return s;
        }
        Optional<MenuItem> m = menuItem(window.scene().lookup(".menu-bar"), "menu-" + id);
        m.ifPresentOrElse(i -> {
            s.put("enabled", !i.isDisable());
            if (i.isDisable() && i.getText().contains("  (")) {
                s.put("reason", i.getText().substring(i.getText().indexOf("  (") + 3, i.getText().length() - 1));
            }
        }, () -> s.put("missing", true));
        return s;
    }

    private static Optional<MenuItem> menuItem(Node bar, String id) {
        if (!(bar instanceof MenuBar mb)) {
            return Optional.empty();
        }
        for (Menu menu : mb.getMenus()) {
            Optional<MenuItem> found = find(menu.getItems(), id);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<MenuItem> find(List<MenuItem> items, String id) {
        for (MenuItem i : items) {
            if (id.equals(i.getId())) {
                return Optional.of(i);
            }
            if (i instanceof Menu sub) {
                Optional<MenuItem> f = find(sub.getItems(), id);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    /** The drop's verdict for the move, then the move through the console's action path. */
    private CompletableFuture<Void> move() {
        JsonNode m = request.path("move");
        if (m.isMissingNode()) {
            return CompletableFuture.completedFuture(null);
        }
        GroupKey from = key(m.path("from").asText());
        GroupKey to = key(m.path("to").asText());
        ObjectNode o = out.putObject("move");
        Optional<String> refused = session.state().frame().orElseThrow().host().privileges().refuseMove(from, to);
        o.put("allowed", refused.isEmpty());
        refused.ifPresent(r -> o.put("reason", r));
        return session.actions().moveTasks(to, List.of(m.path("pid").asLong())).thenAccept(r -> report(o, r));
    }

    /** Administrative access as the menu item turns it on, then the action states again and a create through it. */
    private CompletableFuture<Void> administrative() {
        if (!request.has("admin")) {
            return CompletableFuture.completedFuture(null);
        }
        Escalation how = Escalation.valueOf(request.path("admin").asText().toUpperCase(java.util.Locale.ROOT));
        session.useAdministrativeAccess(AdministrativeAccess.via(how, HelperCommandLine.forThisJvm(System.getenv()),
                Map.of()), how.name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode a = out.putObject("admin");
        CompletableFuture<Void> done = new CompletableFuture<>();
        frame(f -> f.host().privileges().administrative().isPresent()).thenAccept(f -> {
            a.put("status", f.host().privileges().describe());
            a.set("groups", actionStates());
            JsonNode c = request.path("create");
            session.actions().createGroup(key(c.path("parent").asText()), c.path("name").asText())
                    .thenAccept(r -> report(a.putObject("create"), r))
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            done.completeExceptionally(e);
                        } else {
                            done.complete(null);
                        }
                    });
        });
        return done;
    }

    private static void report(ObjectNode o, ActionReport r) {
        o.put("outcome", r.outcome().name());
        o.put("summary", r.summary());
        r.details().forEach(d -> o.withArray("details").add(d));
    }

    /** "hierarchy:/path" (hierarchy ids may hold ',' and '=', never ":/"). */
    static GroupKey key(String text) {
        int i = text.indexOf(":/");
        if (i <= 0) {
            throw new IllegalArgumentException("probe group \"" + text + "\" is not HIERARCHY:/PATH");
        }
        return new GroupKey(text.substring(0, i), GroupPath.ofKernel(text.substring(i + 1)));
    }

    private synchronized void finish(int status) {
        System.out.println(PREFIX + out);
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }
}
