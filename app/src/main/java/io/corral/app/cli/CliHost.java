package io.corral.app.cli;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.GroupTargets;
import io.corral.model.command.Journal;
import io.corral.model.command.ProcTasks;
import io.corral.model.command.Tasks;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.proc.ProcFs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CLI works on: the cgroupfs accessor, the procfs view of tasks and the journal.
 * {@link #live()} is this machine; tests pass a fixture tree and a temporary journal.
 * {@code CORRAL_JOURNAL} overrides the journal file ({@code none} turns it off).
 */
public record CliHost(CgroupFs fs, Tasks tasks, Optional<Journal> journal) {
    public CliHost {
        Objects.requireNonNull(fs);
        Objects.requireNonNull(tasks);
        Objects.requireNonNull(journal);
    }

    public static CliHost live() {
        String j = System.getenv("CORRAL_JOURNAL");
        Optional<Journal> journal = j == null || j.isBlank() ? Optional.of(Journal.atDefaultLocation())
                : j.equals("none") ? Optional.empty() : Optional.of(new Journal(Path.of(j)));
        CgroupFs fs = CgroupFs.live();
        return new CliHost(fs, new ProcTasks(ProcFs.live()), journal);
    }

    public List<Hierarchy> hierarchies() throws KernelException {
        return new HierarchyDiscovery(fs).discover();
    }

    public GroupTargets targets() throws KernelException {
        return new GroupTargets(fs, hierarchies());
    }

    /** Commands run on the caller's thread: the CLI does one thing and exits. */
    public CommandEngine engine() {
        return new CommandEngine(fs, tasks, journal, CommandEngine.Mode.CALLER_THREAD);
    }
}
