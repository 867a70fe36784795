package io.corral.views.state;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The task rows the console builds from a snapshot of a fixture host. */
class SnapshotFramesTest {
    @TempDir
    Path dir;

    @Test
    void taskRowsCarryTheResidentSetSizeAndAbsentForKernelThreads() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.cgroup("unified", "/corral-test-rss");
        host.process(4242).command("sleep", "sleep", "600").rssPages(300).in("unified", "/corral-test-rss").write();
        host.process(4300).command("java", "java", "-jar", "x.jar").rssPages(51200)
                .in("unified", "/corral-test-rss").write();
        host.process(77).kernelThread("kworker/0:1").in("unified", "/corral-test-rss").write();
        ConsoleFrame frame = new SnapshotFrames(Duration.ofSeconds(1), Privileges.asRoot())
                .next(new SnapshotReader(host.fs(), new ProcFs(host.root())).read(), Duration.ZERO);

        GroupRow g = frame.hierarchies().get(0).group(GroupPath.ofKernel("/corral-test-rss")).orElseThrow();
        Map<Long, TaskRow> tasks = g.tasks().stream().collect(Collectors.toMap(TaskRow::pid, Function.identity()));
        assertEquals(OptionalLong.of(300 * 4096L), tasks.get(4242L).rssBytes());
        assertEquals(OptionalLong.of(200L << 20), tasks.get(4300L).rssBytes());
        assertEquals(OptionalLong.empty(), tasks.get(77L).rssBytes());
    }
}
