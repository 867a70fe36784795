package io.corral.model.command;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.limit.Setting;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandJsonTest {
    private static final Hierarchy CPU = new Hierarchy("cpu,cpuacct", CgroupVersion.V1, List.of("cpu", "cpuacct"),
            "/sys/fs/cgroup/cpu,cpuacct", "/");
    private static final Hierarchy V2 = new Hierarchy("unified", CgroupVersion.V2, List.of("pids", "memory"),
            "/sys/fs/cgroup", "/");

    @Test
    void everyCommandReadsBackAsTheSameCommand() throws Exception {
        GroupRef a = new GroupRef(CPU, GroupPath.ofKernel("/corral-test-a/b"));
        GroupRef u = new GroupRef(V2, GroupPath.ofKernel("/corral-test-u"));
        List<Command> all = List.of(
                new Command.CreateGroup(a), new Command.RemoveGroup(a), new Command.RenameGroup(a, "c"),
                new Command.MoveTasks(a, List.of(1, 22, 333), true), new Command.MoveAllTasks(a, a.parent()),
                new Command.SetLimits(u, List.of(Setting.parse("memory.max=256M"), Setting.parse("pids.max=max"),
                        Setting.parse("cpu.quota=0.5/50000"), Setting.parse("io.rbps=8:0=10M"))),
                new Command.EnableControllers(u, Set.of("pids", "memory")),
                new Command.DisableControllers(u, Set.of("pids")),
                new Command.Freeze(u), new Command.Thaw(u), new Command.KillAll(u),
                new Command.Sequence("two", List.of(new Command.Freeze(u), new Command.Thaw(a)), true));
        for (Command c : all) {
            assertEquals(c, CommandJson.fromJson(CommandJson.toJson(c)), c.describe());
        }
    }
}
