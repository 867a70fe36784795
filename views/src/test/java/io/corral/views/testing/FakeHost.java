package io.corral.views.testing;

import io.corral.model.cgroup.CgroupLayout;
import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.views.actions.ActionReport;
import io.corral.views.actions.GroupActions;
import io.corral.views.state.ConsoleFrame;
import io.corral.model.cgroup.FreezeState;
import io.corral.model.proc.ProcessState;
import io.corral.model.proc.ThreadInfo;
import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.GroupType;
import io.corral.views.state.HierarchyFrame;
import io.corral.views.state.HostFacts;
import io.corral.views.state.Privileges;
import io.corral.views.state.TaskRow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An in-memory host for view tests: hierarchies, groups and tasks that the test edits
 * "behind the app's back", and a {@link GroupActions} that applies commands to them the way
 * the kernel would (one hierarchy at a time), recording every call. {@link #frame()} is what a
 * sampler would publish.
 */
public final class FakeHost implements GroupActions {
    /** A group's mutable state. */
    public static final class Group {
        public final List<TaskRow> tasks = new ArrayList<>();
        public Optional<FreezeState> freeze;
        public GroupType type = GroupType.DOMAIN;
        public List<String> subtreeControl = List.of();
        public boolean systemdUnit;
        /** The unit's group carries systemd's delegation mark (trusted.delegate / user.delegate). */
        public boolean delegated;
        /** How much of the group the console has read (its first reading comes in phases). */
        public GroupRow.Known known = GroupRow.Known.ALL;
        public long memory = 12L << 20;
        public OptionalLong memoryMax = OptionalLong.empty();
        public double cpu;
    }

    public static final Hierarchy UNIFIED = new Hierarchy("unified", CgroupVersion.V2,
            List.of("cpu", "io", "memory", "pids"), "/sys/fs/cgroup/unified", "/");
    public static final Hierarchy CPU = new Hierarchy("cpu,cpuacct", CgroupVersion.V1, List.of("cpu", "cpuacct"),
            "/sys/fs/cgroup/cpu,cpuacct", "/");
    public static final Hierarchy FREEZER = new Hierarchy("freezer", CgroupVersion.V1, List.of("freezer"),
            "/sys/fs/cgroup/freezer", "/");

    private final Map<String, Hierarchy> hierarchies = new LinkedHashMap<>();
    private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
    /** Every command received, as text ("move unified:/a 101 102"). */
    public final List<String> calls = new ArrayList<>();
    private Privileges privileges = Privileges.asRoot();
    private boolean systemdIsInit;
    private Consumer<FakeHost> afterCommand = h -> { };

    public FakeHost() {
        for (Hierarchy h : List.of(UNIFIED, CPU, FREEZER)) {
            hierarchies.put(h.id(), h);
            group(new GroupKey(h.id(), GroupPath.ROOT));
        }
    }

    /** A hybrid-like fixture: a few groups and processes in every hierarchy. */
    public static FakeHost sample() {
        FakeHost h = new FakeHost();
        h.task(key("unified", "/"), 1, "systemd", false);
        h.task(key("unified", "/"), 2, "kthreadd", true);
        GroupKey web = key("unified", "/web");
        h.group(web).subtreeControl = List.of("cpu", "memory");
        h.task(h.groupKey("unified", "/web/frontend"), 101, "nginx", false);
        h.task(key("unified", "/web/frontend"), 102, "nginx", false);
        h.task(key("unified", "/web/backend"), 201, "java", false);
        h.group(key("unified", "/web/backend")).memoryMax = OptionalLong.of(64L << 20);
        h.group(key("unified", "/web/backend")).memory = 63L << 20;
        h.group(key("unified", "/batch"));
        h.group(key("unified", "/batch/threads")).type = GroupType.THREADED;
        h.group(key("unified", "/system.slice")).systemdUnit = true;
        h.group(key("unified", "/idle"));
        h.task(key("cpu,cpuacct", "/"), 101, "nginx", false);
        h.group(key("cpu,cpuacct", "/limited"));
        h.group(key("freezer", "/paused")).freeze = Optional.of(FreezeState.FROZEN);
        h.task(key("freezer", "/paused"), 301, "sleep", false);
        return h;
    }

    public static GroupKey key(String hierarchy, String path) {
        return new GroupKey(hierarchy, GroupPath.ofKernel(path));
    }

    public GroupKey groupKey(String hierarchy, String path) {
        GroupKey k = key(hierarchy, path);
        group(k);
        return k;
    }

    /** The group (created with its parents if missing). */
    public Group group(GroupKey k) {
        if (!k.path().isRoot()) {
            group(new GroupKey(k.hierarchyId(), k.path().parent()));
        }
        return groups.computeIfAbsent(k, x -> {
            Group g = new Group();
            g.freeze = x.hierarchyId().equals("cpu,cpuacct") || x.path().isRoot() ? Optional.empty() : Optional.of(FreezeState.THAWED);
            return g;
        });
    }

    public void removeGroup(GroupKey k, boolean quiet) {
        groups.keySet().removeIf(g -> g.hierarchyId().equals(k.hierarchyId()) && k.path().contains(g.path()));
    }

    public TaskRow task(GroupKey k, long pid, String command, boolean kernelThread) {
        TaskRow t = new TaskRow(pid, command, kernelThread ? "root" : "www", kernelThread ? "I" : "S",
                OptionalDouble.of(pid % 7), OptionalLong.of(kernelThread ? 0 : pid * 4096), 1, kernelThread,
                Optional.empty());
        group(k).tasks.add(t);
        return t;
    }

    public void setPrivileges(Privileges p) {
        privileges = p;
    }

    public void setSystemdIsInit(boolean b) {
        systemdIsInit = b;
    }

    /** Runs after every command, like the engine's resample trigger. */
    public void setAfterCommand(Consumer<FakeHost> afterCommand) {
        this.afterCommand = afterCommand;
    }

    public Optional<GroupKey> whereIs(String hierarchy, long pid) {
        return groups.entrySet().stream()
                .filter(e -> e.getKey().hierarchyId().equals(hierarchy))
                .filter(e -> e.getValue().tasks.stream().anyMatch(t -> t.pid() == pid))
                .map(Map.Entry::getKey).findFirst();
    }

    public ConsoleFrame frame() {
        List<HierarchyFrame> hs = new ArrayList<>();
        for (Hierarchy h : hierarchies.values()) {
            List<GroupRow> rows = new ArrayList<>();
            groups.forEach((k, g) -> {
                if (k.hierarchyId().equals(h.id())) {
                    rows.add(row(h, k, g));
                }
            });
            hs.add(new HierarchyFrame(h, rows));
        }
        return new ConsoleFrame(new HostFacts("fixture-host", "6.18.0-test", CgroupLayout.HYBRID,
                Duration.ofSeconds(1), privileges, systemdIsInit), hs, Instant.now(), Duration.ofMillis(4));
    }

    private static GroupRow row(Hierarchy h, GroupKey k, Group g) {
        boolean v2 = h.isV2();
        return new GroupRow(k, h.version(), g.tasks, OptionalDouble.of(g.cpu),
                h.has("memory") ? OptionalLong.of(g.memory) : OptionalLong.empty(),
                h.has("memory") ? g.memoryMax : OptionalLong.empty(),
                v2 ? OptionalDouble.of(0) : OptionalDouble.empty(),
                h.has("pids") ? OptionalLong.of(g.tasks.size()) : OptionalLong.empty(), OptionalLong.empty(),
                g.freeze, g.type, g.subtreeControl, v2 ? h.controllers() : List.of(), g.systemdUnit, g.delegated, g.known);
    }

    private CompletableFuture<ActionReport> done(ActionReport r) {
        afterCommand.accept(this);
        return CompletableFuture.completedFuture(r);
    }

    /** For each thread listing: whether it was read on the FX thread. */
    public final List<Boolean> threadReadsOnFxThread = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Every process has its main thread (running) and one sleeping worker with tid pid + 5000. */
    @Override
    public CompletableFuture<Map<Long, List<ThreadInfo>>> threads(List<Long> pids) {
        return CompletableFuture.supplyAsync(() -> {
            threadReadsOnFxThread.add(javafx.application.Platform.isFxApplicationThread());
            Map<Long, List<ThreadInfo>> out = new LinkedHashMap<>();
            for (long pid : pids) {
                if (groups.values().stream().anyMatch(g -> g.tasks.stream().anyMatch(t -> t.pid() == pid))) {
                    out.put(pid, List.of(new ThreadInfo((int) pid, "main", ProcessState.RUNNING),
                            new ThreadInfo((int) pid + 5000, "worker-1", ProcessState.SLEEPING)));
                }
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<ActionReport> moveTasks(GroupKey target, List<Long> pids) {
        calls.add("move " + target + " " + pids.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
        Map<GroupKey, List<Long>> from = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (long pid : pids) {
            Optional<GroupKey> src = whereIs(target.hierarchyId(), pid);
            if (src.isEmpty()) {
                lines.add(pid + " exited before the move");
                continue;
            }
            Group s = group(src.get());
            TaskRow t = s.tasks.stream().filter(x -> x.pid() == pid).findFirst().orElseThrow();
            s.tasks.remove(t);
            group(target).tasks.add(t);
            from.computeIfAbsent(src.get(), x -> new ArrayList<>()).add(pid);
            lines.add(pid + " moved");
        }
        Optional<ActionReport.Undo> undo = from.isEmpty() ? Optional.empty() : Optional.of(new ActionReport.Undo(
                "move of " + pids.size() + " tasks", () -> {
                    CompletableFuture<ActionReport> last = null;
                    for (Map.Entry<GroupKey, List<Long>> e : from.entrySet()) {
                        last = moveTasks(e.getKey(), e.getValue());
                    }
                    return last;
                }));
        return done(new ActionReport("Moved " + from.values().stream().mapToInt(List::size).sum() + " of "
                + pids.size() + " tasks to " + target.path(), from.isEmpty() ? ActionReport.Outcome.REJECTED
                : ActionReport.Outcome.APPLIED, lines, undo));
    }

    @Override
    public CompletableFuture<ActionReport> moveThreads(GroupKey target, List<Long> tids,
                                                       io.corral.model.command.Progress progress) {
        calls.add("move-threads " + target + " " + tids.stream().map(String::valueOf)
                .reduce((a, b) -> a + " " + b).orElse(""));
        return done(new ActionReport("Moved " + tids.size() + " threads to " + target.path(),
                ActionReport.Outcome.APPLIED, List.of(), Optional.empty()));
    }

    @Override
    public CompletableFuture<ActionReport> createGroup(GroupKey parent, String name) {
        GroupKey child = new GroupKey(parent.hierarchyId(), parent.path().child(name));
        calls.add("mkdir " + child);
        group(child);
        return done(new ActionReport("Created " + child.path(), ActionReport.Outcome.APPLIED,
                List.of(), Optional.empty()));
    }

    @Override
    public CompletableFuture<ActionReport> removeGroup(GroupKey group) {
        calls.add("rmdir " + group);
        removeGroup(group, true);
        return done(new ActionReport("Removed " + group.path(), ActionReport.Outcome.APPLIED, List.of(), Optional.empty()));
    }

    @Override
    public CompletableFuture<ActionReport> renameGroup(GroupKey group, String newName) {
        calls.add("rename " + group + " " + newName);
        return done(ActionReport.rejected("Rename", "not supported by the fake host"));
    }

    @Override
    public CompletableFuture<ActionReport> setControllers(GroupKey group, Set<String> enable, Set<String> disable) {
        calls.add("controllers " + group + " +" + enable + " -" + disable);
        return done(ActionReport.rejected("Controllers", "not supported by the fake host"));
    }

    @Override
    public CompletableFuture<ActionReport> freeze(GroupKey group) {
        calls.add("freeze " + group);
        group(group).freeze = Optional.of(FreezeState.FROZEN);
        return done(new ActionReport("Froze " + group.path(), ActionReport.Outcome.APPLIED, List.of(), Optional.empty()));
    }

    @Override
    public CompletableFuture<ActionReport> thaw(GroupKey group) {
        calls.add("thaw " + group);
        group(group).freeze = Optional.of(FreezeState.THAWED);
        return done(new ActionReport("Thawed " + group.path(), ActionReport.Outcome.APPLIED, List.of(), Optional.empty()));
    }

    @Override
    public CompletableFuture<ActionReport> killAll(GroupKey group) {
        calls.add("kill " + group);
        group(group).tasks.clear();
        return done(new ActionReport("Killed all in " + group.path(), ActionReport.Outcome.APPLIED, List.of(),
                Optional.empty()));
    }
}
