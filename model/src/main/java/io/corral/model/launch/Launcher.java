package io.corral.model.launch;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.IdMapRefusedException;
import io.corral.model.namespace.IdMapWriter;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.proc.ProcFs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts commands in chosen groups and new namespaces (the one place that runs
 * {@code unshare}). The process is in its groups from its first instruction: Corral starts
 * a paused shell, writes that shell's PID into each group's {@code cgroup.procs}, and only
 * then lets it exec {@code setsid unshare ...}; everything after inherits the groups.
 * stdio goes to a new log file, opened inside the new namespaces; Java's process start
 * closes every fd above 2 in the child.
 */
public final class Launcher {
    private static final Duration MAP_TIMEOUT = Duration.ofSeconds(10);

    private final CgroupFs cgroups;
    private final ProcFs proc;
    private final IdMapWriter maps;
    private final LogDirectory logs;
    private final Optional<RunAs> runAs;

    public Launcher(CgroupFs cgroups, ProcFs proc, IdMapWriter maps, LogDirectory logs) {
        this(cgroups, proc, maps, logs, Optional.empty());
    }

    private Launcher(CgroupFs cgroups, ProcFs proc, IdMapWriter maps, LogDirectory logs, Optional<RunAs> runAs) {
        this.cgroups = cgroups;
        this.proc = proc;
        this.maps = maps;
        this.logs = logs;
        this.runAs = runAs;
    }

    /** This launcher, but the commands run as {@code user} (see {@link RunAs}); empty: as this process. */
    public Launcher runningAs(Optional<RunAs> user) {
        return new Launcher(cgroups, proc, maps, logs, user);
    }

    public static Launcher live() {
        return new Launcher(CgroupFs.live(), ProcFs.live(), IdMapWriter.live(), LogDirectory.fromEnvironment());
    }

    /**
     * Launches into a GROUP as the CLI names it ({@code /path} or {@code CONTROLLERS:/path}),
     * resolved against the mounted hierarchies; the spec's own groups are replaced.
     */
    public Launched launchInto(io.corral.model.cgroup.GroupSpec group, LaunchSpec spec)
            throws LaunchException, io.corral.model.input.InvalidInputException {
        List<Path> dirs;
        try {
            dirs = TargetGroups.resolve(cgroups, new io.corral.model.cgroup.HierarchyDiscovery(cgroups).discover(), group);
        } catch (KernelException e) {
            throw new LaunchException("cannot list the mounted hierarchies: " + e.getMessage(), e);
        }
        return launch(spec.withGroups(dirs));
    }

    public Launched launch(LaunchSpec requested) throws LaunchException {
        LaunchSpec spec = runAs.map(u -> u.wrap(requested)).orElse(requested);
        Path log;
        try {
            log = logs.newLogFile(requested.command().get(0));
        } catch (IOException e) {
            throw new LaunchException("cannot create a log file in " + logs.dir() + ": " + e.getMessage(), e);
        }
        ProcessBuilder pb = new ProcessBuilder(UnshareCommand.argv(spec, log))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        spec.workingDir().ifPresent(d -> pb.directory(d.toFile()));
        pb.environment().putAll(spec.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new LaunchException("cannot start sh: " + e.getMessage(), e);
        }
        try (OutputStream release = p.getOutputStream()) {
            for (Path group : spec.groups()) {
                cgroups.write(group.resolve("cgroup.procs"), Long.toString(p.pid()));
            }
            release.write('\n');
            release.flush();
            if (UnshareCommand.waitsForMaps(spec)) {
                writeMaps(p, (UserMapping.Explicit) spec.userMapping());
                release.write('\n');
                release.flush();
            }
        } catch (KernelException e) {
            abandon(p);
            throw new LaunchException(io.corral.model.kernel.KernelErrors.explain(e) + "; nothing was run", e);
        } catch (IdMapRefusedException e) {
            abandon(p);
            throw new LaunchException(e.getMessage() + "; nothing was run", e);
        } catch (IOException e) {
            abandon(p);
            throw new LaunchException("the launcher exited before it was released (see " + log + ")", e);
        }
        return new Launched(p.pid(), log, UnshareCommand.displayLine(spec), p, spec.forks(), spec.groups());
    }

    /**
     * Waits until unshare has made the new user namespace (the process's user link
     * changes), then writes the maps through it; the command is still waiting for its
     * second line.
     */
    private void writeMaps(Process p, UserMapping.Explicit mapping) throws IdMapRefusedException, LaunchException {
        Optional<NamespaceId> own = NamespaceId.of(proc, ProcessHandle.current().pid(), NamespaceType.USER.procName());
        long deadline = System.nanoTime() + MAP_TIMEOUT.toNanos();
        while (true) {
            Optional<NamespaceId> now = NamespaceId.of(proc, p.pid(), NamespaceType.USER.procName());
            if (now.isPresent() && !now.equals(own)) {
                break;
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new LaunchException("unshare did not create the user namespace (process "
                        + (p.isAlive() ? "still in the host's" : "exited") + ")", null);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for the user namespace", e);
            }
        }
        if (!mapping.uids().isEmpty()) {
            maps.write(p.pid(), IdMapKind.UID, mapping.uids());
        }
        if (!mapping.gids().isEmpty()) {
            maps.write(p.pid(), IdMapKind.GID, mapping.gids());
        }
    }

    /** Ends the paused launcher we started (it has run nothing yet). */
    private static void abandon(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
