package io.corral.views.namespaces;

import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.command.GroupRef;
import io.corral.model.command.GroupTargets;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.launch.TargetGroups;
import io.corral.model.limit.Setting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs what the Launch dialog returns, never on the FX thread: resolves the GROUP against the
 * mounted hierarchies on a background executor, then submits ONE all-or-nothing command to
 * the engine: the limits to apply first (SetLimits, in each hierarchy whose controller has
 * the knob), then the Launch. A launch that fails rolls the limits back.
 */
public final class BackgroundLauncher {
    private final CgroupFs fs;
    private final Function<Command, CompletableFuture<CommandResult>> engine;
    private final Executor executor;

    /** @param engine the command engine's submit */
    public BackgroundLauncher(CgroupFs fs, Function<Command, CompletableFuture<CommandResult>> engine,
                              Executor executor) {
        this.fs = fs;
        this.engine = engine;
        this.executor = executor;
    }

    /**
     * Completes with the engine's result, or exceptionally with an {@link InvalidInputException}
     * when the group cannot be resolved or a limit has no controller there (nothing was run).
     */
    public CompletableFuture<CommandResult> launch(LaunchRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return command(request);
            } catch (InvalidInputException | KernelException e) {
                throw new CompletionException(e);
            }
        }, executor).thenCompose(engine);
    }

    Command command(LaunchRequest request) throws InvalidInputException, KernelException {
        var hierarchies = new HierarchyDiscovery(fs).discover();
        List<Path> dirs = TargetGroups.resolve(fs, hierarchies, request.group());
        Command launch = new Command.Launch(request.spec().withGroups(dirs));
        if (request.limits().isEmpty()) {
            return launch;
        }
        List<GroupRef> groups = new GroupTargets(fs, hierarchies).existing(request.group());
        List<Command> steps = new ArrayList<>();
        for (GroupRef g : groups) {
            List<Setting> here = request.limits().stream().filter(s -> s.knob().appliesTo(g.hierarchy())).toList();
            if (!here.isEmpty()) {
                steps.add(new Command.SetLimits(g, here));
            }
        }
        for (Setting s : request.limits()) {
            if (groups.stream().noneMatch(g -> s.knob().appliesTo(g.hierarchy()))) {
                throw new InvalidInputException(s.toString(), s.knob() + ": no hierarchy of " + request.group()
                        + " has the " + s.knob().controller(groups.get(0).hierarchy().version()).orElse("needed")
                        + " controller");
            }
        }
        steps.add(launch);
        return new Command.Sequence("set " + request.limits().stream().map(Setting::toString)
                .reduce((a, b) -> a + " " + b).orElse("") + " on " + request.group() + ", then "
                + launch.describe(), steps, true);
    }
}
