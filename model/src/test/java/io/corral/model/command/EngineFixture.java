package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.testing.FakeTasks;
import io.corral.model.testing.FixtureHost;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A fixture host wired to an engine whose every write is recorded. */
final class EngineFixture {
    final FixtureHost host;
    final CgroupFs fs;
    final List<Hierarchy> hierarchies;
    final FakeTasks tasks = new FakeTasks();
    final List<String> writes = new ArrayList<>();
    final CommandEngine engine;

    EngineFixture(FixtureHost host) throws Exception {
        this(host, Optional.empty());
    }

    EngineFixture(FixtureHost host, Optional<Journal> journal) throws Exception {
        this.host = host;
        this.fs = host.fs();
        this.hierarchies = new HierarchyDiscovery(fs).discover();
        tasks.follow(fs, hierarchies, writes);
        this.engine = new CommandEngine(fs, tasks, journal, CommandEngine.Mode.CALLER_THREAD,
                java.time.Duration.ofMillis(200));
    }

    Hierarchy h(String id) {
        return hierarchies.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    GroupRef g(String id, String path) {
        return new GroupRef(h(id), GroupPath.ofKernel(path));
    }

    /** Creates a fixture group directory in hierarchy {@code id} with the given files. */
    GroupRef make(String id, String path, String... files) {
        host.group(host.mount(id) + path, files);
        return g(id, path);
    }
}
