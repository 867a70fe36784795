package io.corral.views.tasks;

import io.corral.views.state.ConsoleFrame;
import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.Privileges;
import io.corral.views.state.TaskRow;
import io.corral.views.testing.FakeHost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static io.corral.views.testing.FakeHost.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropVerdictTest {

    @ParameterizedTest(name = "{0} {1} -> {2}:{3}")
    @CsvSource(delimiter = '|', value = {
        // source group            | pids    | target                   | allowed | reason contains
        "unified:/web/frontend      | 101     | unified:/idle            | true    | Move task 101 to /idle",
        "unified:/web/frontend      | 101 102 | unified:/web/backend     | true    | Move 2 tasks",
        "unified:/web/frontend      | 101     | unified:/                | true    | Move task 101 to /",
        "unified:/web/frontend      | 101     | unified:/web             | false   | No internal processes",
        "unified:/web/frontend      | 101     | unified:/batch/threads   | false   | Threaded group",
        "unified:/web/frontend      | 101     | unified:/web/frontend    | false   | Already in",
        "unified:/web/frontend      | 101     | cpu,cpuacct:/limited     | false   | Other hierarchy",
        "unified:/                  | 2       | unified:/idle            | false   | Kernel thread kthreadd (2)",
        "unified:/                  | 1 2     | unified:/idle            | false   | the kernel does not move kernel threads",
        "unified:/web/frontend      | 101     | unified:/system.slice    | true    | Move task 101",
    })
    void judgesDropsFromTheFrame(String source, String pids, String target, boolean allowed, String reason) {
        FakeHost host = FakeHost.sample();
        DropVerdict v = judge(host, source, pids, target);
        assertEquals(allowed, v.allowed(), v.message());
        assertTrue(v.message().contains(reason), v.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "unified:/system.slice   | false | Owned by systemd",
        "unified:/docker.service | true  | Move task 101",
        "unified:/idle           | true  | Move task 101",
    })
    void refusesUndelegatedSystemdUnitsOnlyWhenSystemdIsInit(String target, boolean allowed, String reason) {
        FakeHost host = FakeHost.sample();
        host.group(key("unified", "/docker.service")).systemdUnit = true;
        host.group(key("unified", "/docker.service")).delegated = true;
        host.setSystemdIsInit(true);
        DropVerdict v = judge(host, "unified:/web/frontend", "101", target);
        assertEquals(allowed, v.allowed(), v.message());
        assertTrue(v.message().contains(reason), v.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"unified:/idle", "unified:/"})
    void readOnlyRefusesEveryDropWithTheReason(String target) {
        FakeHost host = FakeHost.sample();
        host.setPrivileges(Privileges.readOnly("not root (uid 1000)"));
        DropVerdict v = judge(host, "unified:/web/frontend", "101", target);
        assertEquals(false, v.allowed());
        assertEquals("Read-only: not root (uid 1000)", v.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"101 | false", "101 555 | true"})
    void zombiesAreAllowedButTheUserIsToldTheyStay(String pids, boolean withZombie) {
        FakeHost host = FakeHost.sample();
        host.group(key("unified", "/web/frontend")).tasks.add(new TaskRow(555, "defunct", "www", "Z",
                java.util.OptionalDouble.empty(), java.util.OptionalLong.empty(), 1, false, java.util.Optional.empty()));
        DropVerdict v = judge(host, "unified:/web/frontend", pids, "unified:/idle");
        assertTrue(v.allowed());
        assertEquals(withZombie, v.message().contains("zombie will stay"), v.message());
    }

    @ParameterizedTest(name = "thread of {0} onto {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // source group       | target                 | allowed | reason contains
        "cpu,cpuacct:/        | cpu,cpuacct:/limited   | true    | Move thread 5101 to /limited",
        "unified:/web/frontend | unified:/idle         | false   | Threads stay with their process on cgroup2",
        "unified:/web/frontend | unified:/web/frontend/t | true  | Move thread 5101 to /web/frontend/t",
        "unified:/web/frontend | unified:/batch/threads | false  | Other threaded subtree",
        "unified:/web/frontend | unified:/web          | false   | No internal processes",
        "unified:/web/frontend | cpu,cpuacct:/limited  | false   | Other hierarchy",
    })
    void judgesThreadDragsWithTheThreadRules(String source, String target, boolean allowed, String reason) {
        FakeHost host = FakeHost.sample();
        host.group(key("unified", "/web/frontend/t")).type = io.corral.views.state.GroupType.THREADED;
        ConsoleFrame f = host.frame();
        GroupRow src = f.group(parse(source)).orElseThrow();
        TaskRow owner = src.tasks().stream().filter(t -> t.pid() == 101).findFirst().orElseThrow();
        DropVerdict v = DropVerdict.judge(f.host(), new TaskDrag.Dragged(src, List.of(owner), List.of(5101L)),
                f.group(parse(target)).orElseThrow());
        assertEquals(allowed, v.allowed(), v.message());
        assertTrue(v.message().contains(reason), v.message());
    }

    private static DropVerdict judge(FakeHost host, String source, String pids, String target) {
        ConsoleFrame f = host.frame();
        GroupRow src = f.group(parse(source)).orElseThrow();
        GroupRow dst = f.group(parse(target)).orElseThrow();
        List<Long> ids = Arrays.stream(pids.trim().split("\\s+")).map(Long::parseLong).toList();
        List<TaskRow> tasks = src.tasks().stream().filter(t -> ids.contains(t.pid())).toList();
        assertEquals(ids.size(), tasks.size(), "fixture tasks " + ids + " in " + source);
        return DropVerdict.judge(f.host(), src, tasks, dst);
    }

    private static GroupKey parse(String s) {
        int colon = s.lastIndexOf(':');
        return key(s.substring(0, colon).trim(), s.substring(colon + 1).trim());
    }
}
