package io.corral.model.command;

import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.Setting;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One change to the host, as data. The {@link CommandEngine} checks the kernel's rules,
 * runs it, re-reads what the kernel holds and computes the inverse; nothing else writes.
 */
public sealed interface Command {

    /** A sentence for people: what this command will do. */
    String describe();

    /** mkdir of a group (v1 cpuset groups get cpus/mems from the parent). */
    record CreateGroup(GroupRef group) implements Command {
        public CreateGroup {
            requireNotRoot(group, "create");
        }

        @Override
        public String describe() {
            return "create group " + group;
        }
    }

    /** rmdir of an empty group without children. */
    record RemoveGroup(GroupRef group) implements Command {
        public RemoveGroup {
            requireNotRoot(group, "remove");
        }

        @Override
        public String describe() {
            return "remove group " + group;
        }
    }

    /** rename(2) of a group directory: cgroup v1 only (cgroup2 refuses renames). */
    record RenameGroup(GroupRef group, String newName) implements Command {
        public RenameGroup {
            requireNotRoot(group, "rename");
            Objects.requireNonNull(newName);
        }

        @Override
        public String describe() {
            return "rename group " + group + " to " + newName;
        }
    }

    /**
     * Moves processes (or, with {@code threads}, single threads) into {@code target}, one
     * write(2) per id. The ids were parsed by {@link io.corral.model.input.DecimalPid}.
     */
    record MoveTasks(GroupRef target, List<Integer> ids, boolean threads) implements Command {
        public MoveTasks {
            ids = List.copyOf(ids);
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("no process ids to move");
            }
            for (int id : ids) {
                if (id <= 0) {
                    throw new IllegalArgumentException("process id " + id + " is not a positive integer");
                }
            }
        }

        @Override
        public String describe() {
            return "move " + (threads ? "thread" : "process") + (ids.size() == 1 ? " " : "es ")
                    + ids.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("")
                    + " into " + target;
        }
    }

    /**
     * Moves every process of {@code source} into {@code target}, in passes until the source
     * stays empty (a forking group keeps adding children), bounded in passes and time.
     */
    record MoveAllTasks(GroupRef source, GroupRef target) implements Command {
        public MoveAllTasks {
            if (!source.hierarchy().equals(target.hierarchy())) {
                throw new IllegalArgumentException("source and target must be in the same hierarchy");
            }
        }

        @Override
        public String describe() {
            return "move every process of " + source + " into " + target;
        }
    }

    /**
     * Sets limits of one group, each as the ordered file writes of
     * {@link io.corral.model.limit.LimitWrites}; the kernel's value is re-read after each.
     */
    record SetLimits(GroupRef group, List<Setting> settings) implements Command {
        public SetLimits {
            settings = List.copyOf(settings);
            if (settings.isEmpty()) {
                throw new IllegalArgumentException("no limits to set");
            }
        }

        @Override
        public String describe() {
            return "set " + settings.stream().map(Setting::toString).reduce((a, b) -> a + " " + b).orElse("")
                    + " on " + group;
        }
    }

    /** cgroup2: adds controllers to {@code cgroup.subtree_control} (parents first). */
    record EnableControllers(GroupRef group, Set<String> controllers) implements Command {
        public EnableControllers {
            controllers = Set.copyOf(new TreeSet<>(controllers));
        }

        @Override
        public String describe() {
            return "enable " + String.join(" ", new TreeSet<>(controllers)) + " for the children of " + group;
        }
    }

    /** cgroup2: removes controllers from {@code cgroup.subtree_control} (children first). */
    record DisableControllers(GroupRef group, Set<String> controllers) implements Command {
        public DisableControllers {
            controllers = Set.copyOf(new TreeSet<>(controllers));
        }

        @Override
        public String describe() {
            return "disable " + String.join(" ", new TreeSet<>(controllers)) + " for the children of " + group;
        }
    }

    /** v1 {@code freezer.state} FROZEN / v2 {@code cgroup.freeze} 1, waiting until frozen. */
    record Freeze(GroupRef group) implements Command {
        public Freeze {
            requireNotRoot(group, "freeze");
        }

        @Override
        public String describe() {
            return "freeze " + group;
        }
    }

    /** v1 {@code freezer.state} THAWED / v2 {@code cgroup.freeze} 0. */
    record Thaw(GroupRef group) implements Command {
        @Override
        public String describe() {
            return "thaw " + group;
        }
    }

    /** v2 {@code cgroup.kill}; v1: SIGKILL to every task, then thaw so they can die. */
    record KillAll(GroupRef group) implements Command {
        public KillAll {
            requireNotRoot(group, "kill every process of");
        }

        @Override
        public String describe() {
            return "kill every process of " + group;
        }
    }

    /**
     * Starts a command in new namespaces inside the spec's groups (already resolved to one
     * directory per hierarchy), through {@link io.corral.model.launch.Launcher}. No inverse:
     * the process runs on its own once started (end it by its PID, or kill its group).
     */
    record Launch(io.corral.model.launch.LaunchSpec spec) implements Command {
        public Launch {
            Objects.requireNonNull(spec);
        }

        @Override
        public String describe() {
            String ns = spec.namespaces().stream().map(t -> t.procName()).sorted()
                    .reduce((a, b) -> a + "," + b).map(n -> " in new " + n + " namespaces").orElse("");
            return "launch " + String.join(" ", spec.command()) + ns
                    + (spec.groups().isEmpty() ? "" : " into " + spec.groups().size() + " group"
                    + (spec.groups().size() == 1 ? "" : "s"));
        }
    }

    /**
     * Writes {@code uid_map} or {@code gid_map} of the user namespace process {@code pid} is
     * in. No inverse: the kernel takes a map once and never lets it be changed or removed.
     */
    record WriteIdMap(long pid, io.corral.model.namespace.IdMapKind kind, io.corral.model.namespace.IdMap map)
            implements Command {
        public WriteIdMap {
            if (pid <= 0) {
                throw new IllegalArgumentException("process id " + pid + " is not a positive integer");
            }
            Objects.requireNonNull(kind);
            Objects.requireNonNull(map);
        }

        @Override
        public String describe() {
            return "write " + kind.file() + " of process " + pid + ": " + map.format().strip().replace('\n', ';');
        }
    }

    /**
     * Several commands as one user gesture (a GROUP in several hierarchies, an undo, a
     * plan); run in order, stopping at the first one that changed nothing. With
     * {@code allOrNothing}, a step that fails makes the engine undo the steps before it, so
     * the host is left as it was.
     */
    record Sequence(String description, List<Command> steps, boolean allOrNothing) implements Command {
        public Sequence {
            steps = List.copyOf(steps);
        }

        public Sequence(String description, List<Command> steps) {
            this(description, steps, false);
        }

        @Override
        public String describe() {
            return description;
        }
    }

    private static void requireNotRoot(GroupRef g, String verb) {
        if (g.path().isRoot()) {
            throw new IllegalArgumentException("cannot " + verb + " the root group of " + g.hierarchy().label());
        }
    }

    /** Validates a new group name for {@link RenameGroup} in the group's hierarchy. */
    static String validName(GroupRef g, String name) throws InvalidInputException {
        return GroupName.validate(name, g.hierarchy().controllers());
    }
}
