package io.corral.views.namespaces;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.command.CommandResult;
import io.corral.styles.Themes;
import io.corral.views.actions.ActionReport;
import io.corral.views.actions.ActionRunner;
import io.corral.views.shell.WindowAction;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import io.corral.views.state.HierarchyFrame;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Launch...": opens the {@link LaunchDialog} with the selected group as target, and runs
 * the request through the {@link BackgroundLauncher} (limits first, then the launch, as one
 * engine command); the outcome (pid, log file and unshare line, or the reason) is reported
 * in the notification area like every other command.
 */
public final class LaunchAction {
    private final ConsoleState state;
    private final BackgroundLauncher launcher;
    private final ActionRunner runner;
    private final Function<CommandResult, ActionReport> report;
    private final Supplier<Window> owner;
    private final Supplier<Themes.Theme> theme;
    private final Function<Optional<GroupRow>, Optional<String>> refusal;

    /**
     * @param report  the engine result in people's words (EngineActions#report)
     * @param refusal why the selected group cannot take a launch (privileges), or empty
     */
    public LaunchAction(ConsoleState state, BackgroundLauncher launcher, ActionRunner runner,
                        Function<CommandResult, ActionReport> report, Supplier<Window> owner,
                        Supplier<Themes.Theme> theme, Function<Optional<GroupRow>, Optional<String>> refusal) {
        this.state = state;
        this.launcher = launcher;
        this.runner = runner;
        this.report = report;
        this.owner = owner;
        this.theme = theme;
        this.refusal = refusal;
    }

    public WindowAction windowAction() {
        return new WindowAction("launch", "Launch\u2026", "Start a command inside the selected group, in new "
                + "namespaces (pid, mount, network, ...), with limits set first. Output goes to a log file.",
                Material2MZ.PLAY_CIRCLE_OUTLINE, new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                this::refusal, this::open);
    }

    private Optional<String> refusal(Optional<GroupRow> g) {
        if (g.isEmpty()) {
            return Optional.of("select a group first");
        }
        return refusal.apply(g);
    }

    /** The GROUP text for a group row: its path in every hierarchy that has it. */
    public static String groupSpec(GroupRow g) {
        return g.key().path().toString();
    }

    /** Every group path on screen, as GROUP choices. */
    List<String> choices() {
        TreeSet<String> out = new TreeSet<>();
        state.frame().ifPresent(f -> {
            for (HierarchyFrame h : f.hierarchies()) {
                h.groups().forEach(r -> out.add(r.key().path().toString()));
            }
        });
        return List.copyOf(out);
    }

    public LaunchDialog dialog(Optional<GroupRow> target) {
        LaunchDialog d = new LaunchDialog(choices(), target.map(LaunchAction::groupSpec)
                .orElse(GroupPath.ROOT.toString()));
        if (owner.get() != null) {
            d.initOwner(owner.get());
        }
        d.getDialogPane().getStylesheets().setAll(Themes.stylesheets(theme.get()));
        return d;
    }

    private void open(Optional<GroupRow> target) {
        dialog(target).showAndWait().ifPresent(this::run);
    }

    /** Sends the request; the report lands in the notification area. */
    public CompletableFuture<ActionReport> run(LaunchRequest request) {
        return runner.run("Launch " + String.join(" ", request.spec().command()) + " in " + request.group(),
                () -> launcher.launch(request).thenApply(report));
    }
}
