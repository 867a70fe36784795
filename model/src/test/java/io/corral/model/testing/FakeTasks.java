package io.corral.model.testing;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Tasks;
import io.corral.model.kernel.CgroupFs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Tasks} for fixture trees: processes are declared here, and a write of an id to a
 * fixture group's {@code cgroup.procs}/{@code tasks}/{@code cgroup.threads} moves it, as
 * the kernel would (install with {@link #follow}). {@code self} plays the JVM.
 */
public final class FakeTasks implements Tasks {
    private final Map<Integer, Facts> facts = new HashMap<>();
    private final Map<String, GroupPath> groups = new HashMap<>();
    private long self = 999_999;

    public FakeTasks process(int id, char state) {
        facts.put(id, new Facts(id, state, false));
        return this;
    }

    public FakeTasks kernelThread(int id) {
        facts.put(id, new Facts(id, 'S', true));
        return this;
    }

    public FakeTasks self(long pid) {
        this.self = pid;
        facts.put((int) pid, new Facts((int) pid, 'S', false));
        return this;
    }

    public FakeTasks in(int id, Hierarchy h, String path) {
        groups.put(id + "@" + h.id(), GroupPath.ofKernel(path));
        return this;
    }

    /** Observes writes on {@code fs} and moves ids written to task files of the hierarchies' groups. */
    public FakeTasks follow(CgroupFs fs, List<Hierarchy> hierarchies, List<String> writes) {
        fs.setWriteObserver((file, value) -> {
            writes.add(fs.hostRoot().relativize(file) + "=" + value);
            String name = file.getFileName().toString();
            if (!name.equals("cgroup.procs") && !name.equals("tasks") && !name.equals("cgroup.threads")) {
                return;
            }
            for (Hierarchy h : hierarchies) {
                Path mount = fs.onHost(h.mount());
                if (file.startsWith(mount) && !value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    Path rel = mount.relativize(file.getParent());
                    int id = Integer.parseInt(value);
                    if (facts.containsKey(id) && !facts.get(id).zombie() && !facts.get(id).kernelThread()) {
                        groups.put(id + "@" + h.id(), GroupPath.ofKernel("/" + rel.toString()));
                    }
                }
            }
        });
        return this;
    }

    @Override
    public Optional<Facts> facts(int id, boolean thread) {
        return Optional.ofNullable(facts.get(id));
    }

    @Override
    public Optional<GroupPath> groupOf(int id, boolean thread, Hierarchy hierarchy) {
        if (!facts.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.of(groups.getOrDefault(id + "@" + hierarchy.id(), GroupPath.ROOT));
    }

    @Override
    public long self() {
        return self;
    }
}
