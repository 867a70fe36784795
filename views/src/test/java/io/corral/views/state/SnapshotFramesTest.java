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

    @Test
    void framesOfAPhasedReadingSayWhatIsNotReadYetAndHaveNoRates() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        host.cgroup("unified", "/corral-test-phased");
        host.process(4242).command("sleep", "sleep", "600").in("unified", "/corral-test-phased").write();
        SnapshotReader reader = new SnapshotReader(host.fs(), new ProcFs(host.root()));
        SnapshotFrames frames = new SnapshotFrames(Duration.ofSeconds(1), Privileges.asRoot());
        java.util.List<ConsoleFrame> shown = new java.util.ArrayList<>();
        var whole = reader.read(java.util.Optional.empty(), true, p -> shown.add(frames.next(p, Duration.ZERO)));
        shown.add(frames.next(whole, Duration.ZERO));
        shown.add(frames.next(reader.read(), Duration.ZERO));
        assertEquals(4, shown.size(), "names, the one hierarchy read, the whole snapshot, the next one");

        GroupPath p = GroupPath.ofKernel("/corral-test-phased");
        java.util.List<GroupRow.Known> known = shown.stream()
                .map(f -> f.hierarchies().get(0).group(p).orElseThrow().known()).toList();
        assertEquals(java.util.List.of(GroupRow.Known.NAME, GroupRow.Known.WITHOUT_TASKS, GroupRow.Known.ALL,
                GroupRow.Known.ALL), known);
        assertEquals(1, shown.get(2).hierarchies().get(0).group(p).orElseThrow().tasks().size());
        assertEquals(java.util.List.of(false, false, false, true), shown.stream().map(f -> f.rates().isPresent()).toList(),
                "rates only between whole snapshots (partial ones are the same instant)");
    }
}
