package io.corral.app.cli;

import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.Journal;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.testing.FakeTasks;
import io.corral.model.testing.FixtureHost;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The CLI over a fixture host, recording every write and mkdir that reaches "the kernel". */
final class CliFixture {
    final FixtureHost host;
    final CgroupFs fs;
    final FakeTasks tasks = new FakeTasks();
    final List<String> writes = new ArrayList<>();
    final CliHost cliHost;
    String out;
    String err;

    CliFixture(FixtureHost host, Path journal) throws Exception {
        this.host = host;
        this.fs = host.fs();
        tasks.follow(fs, new HierarchyDiscovery(fs).discover(), writes);
        fs.setMkdirObserver(d -> {
            writes.add("mkdir " + fs.hostRoot().relativize(d));
            // What the kernel puts into a new cpuset group (a fixture rmdir only removes empty
            // directories, so other groups stay empty).
            String rel = "/" + fs.hostRoot().relativize(d);
            if (rel.startsWith("/sys/fs/cgroup/cpuset/")) {
                host.group(rel, "cpuset.cpus", "\n", "cpuset.mems", "\n");
            }
        });
        this.cliHost = new CliHost(fs, tasks, Optional.of(new Journal(journal)));
    }

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CorralCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), cliHost);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return rc;
    }
}
