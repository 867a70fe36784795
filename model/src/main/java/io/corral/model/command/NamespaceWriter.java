package io.corral.model.command;

import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.launch.LaunchException;
import io.corral.model.launch.Launched;
import io.corral.model.launch.Launcher;
import io.corral.model.namespace.IdMapRefusedException;
import io.corral.model.namespace.IdMapWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@link Command.Launch} and {@link Command.WriteIdMap} for the engine. Neither has an
 * inverse: a started process runs on its own, and the kernel takes an id map once (it can
 * be neither changed nor removed afterwards).
 */
final class NamespaceWriter {
    private final Optional<Launcher> launcher;
    private final Optional<IdMapWriter> maps;

    NamespaceWriter(Optional<Launcher> launcher, Optional<IdMapWriter> maps) {
        this.launcher = launcher;
        this.maps = maps;
    }

    CommandResult launch(Command.Launch c) {
        Path first = c.spec().groups().isEmpty() ? Path.of("/") : c.spec().groups().get(0);
        if (launcher.isEmpty()) {
            return new CommandResult.Rejected(c, Failure.rule(Errno.EOPNOTSUPP, first, null,
                    "this console cannot launch processes (no launcher configured)"));
        }
        Launched l;
        try {
            l = launcher.get().launch(c.spec());
        } catch (LaunchException e) {
            Errno errno = e.getCause() instanceof KernelException k ? k.errno()
                    : e.getCause() instanceof IdMapRefusedException m ? m.errno().orElse(Errno.UNKNOWN) : Errno.UNKNOWN;
            boolean written = e.getCause() instanceof KernelException;
            return new CommandResult.Rejected(c, new Failure(errno, first, Optional.empty(), e.getMessage(), written));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(Step.done("started process " + l.pid() + " (output in " + l.logFile() + ")"));
        steps.add(Step.done("equivalent to: " + l.displayLine()));
        return new CommandResult.Applied(c, steps, List.of(), List.of());
    }

    CommandResult writeMap(Command.WriteIdMap c) {
        Path file = Path.of("/proc", Long.toString(c.pid()), c.kind().file());
        if (maps.isEmpty()) {
            return new CommandResult.Rejected(c, Failure.rule(Errno.EOPNOTSUPP, file, c.map().format(),
                    "this console cannot write id maps (no map writer configured)"));
        }
        try {
            maps.get().write(c.pid(), c.kind(), c.map());
        } catch (IdMapRefusedException e) {
            return new CommandResult.Rejected(c, new Failure(e.errno().orElse(Errno.EINVAL), file,
                    Optional.of(c.map().format()), e.getMessage(), e.errno().isPresent()));
        }
        return new CommandResult.Applied(c, List.of(Step.done("wrote " + file + " (maps are write-once: no undo)",
                c.map().format().strip())), List.of(), List.of());
    }
}
