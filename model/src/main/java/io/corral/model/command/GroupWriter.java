package io.corral.model.command;

import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Creates, removes and renames groups and switches cgroup2 controllers for children. */
final class GroupWriter {
    private final CgroupFs fs;
    private final KernelRules rules;

    GroupWriter(CgroupFs fs, KernelRules rules) {
        this.fs = fs;
        this.rules = rules;
    }

    CommandResult create(Command.CreateGroup c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = first(rules.mount(g.hierarchy()), rules.create(g));
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        Path dir = g.dir(fs);
        fs.mkdir(dir);
        o.done(Step.done("created " + g)).undoWith(new Command.RemoveGroup(g));
        if (!g.isV2() && g.hierarchy().has("cpuset")) {
            fillCpuset(g, o);
        }
        return o.result();
    }

    /**
     * A new v1 cpuset group starts with empty cpuset.cpus/mems (unless the parent has
     * cgroup.clone_children), and the kernel refuses tasks in it (ENOSPC): copy the parent's.
     */
    private void fillCpuset(GroupRef g, Outcome o) {
        Path dir = g.dir(fs);
        Path parent = dir.getParent();
        for (String file : new String[] {"cpuset.cpus", "cpuset.mems"}) {
            try {
                String now = fs.readIfPresent(dir.resolve(file)).orElse("").trim();
                if (!now.isEmpty()) {
                    continue;
                }
                String fromParent = fs.read(parent.resolve(file)).trim();
                if (fromParent.isEmpty()) {
                    o.failed(Failure.rule(Errno.ENOSPC, dir.resolve(file), null, "parent of " + g + " has an empty "
                            + file + ": set it there before tasks can join " + g));
                    continue;
                }
                fs.write(dir.resolve(file), fromParent);
                o.done(Step.done("set " + file + " of " + g + " from its parent", fs.read(dir.resolve(file)).trim()));
            } catch (KernelException e) {
                o.failed(e);
            }
        }
    }

    CommandResult remove(Command.RemoveGroup c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = first(rules.mount(g.hierarchy()), rules.exists(g));
        if (refused.isEmpty()) {
            refused = rules.remove(g);
        }
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        fs.rmdir(g.dir(fs));
        return o.done(Step.done("removed " + g)).undoWith(new Command.CreateGroup(g)).result();
    }

    CommandResult rename(Command.RenameGroup c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        try {
            Command.validName(g, c.newName());
        } catch (InvalidInputException e) {
            return o.failed(Failure.rule(Errno.EINVAL, g.dir(fs), c.newName(), e.getMessage())).result();
        }
        Optional<Failure> refused = first(rules.mount(g.hierarchy()), rules.exists(g),
                rules.rename(g, c.newName()));
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        GroupRef renamed = g.parent().child(c.newName());
        fs.rename(g.dir(fs), renamed.dir(fs));
        String oldName = g.path().name();
        return o.done(Step.done("renamed " + g + " to " + renamed))
                .undoWith(new Command.RenameGroup(renamed, oldName)).result();
    }

    CommandResult enable(Command.EnableControllers c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = first(rules.mount(g.hierarchy()), rules.exists(g));
        if (refused.isEmpty()) {
            refused = rules.enable(g, c.controllers());
        }
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        Path file = g.dir(fs).resolve("cgroup.subtree_control");
        Set<String> before = rules.words(file);
        Set<String> newlyOn = new TreeSet<>();
        for (String ctl : new TreeSet<>(c.controllers())) {
            if (before.contains(ctl)) {
                o.done(Step.done(ctl + " was already enabled for the children of " + g));
                continue;
            }
            try {
                fs.write(file, "+" + ctl);
                newlyOn.add(ctl);
                o.done(Step.done("enabled " + ctl + " for the children of " + g, String.join(" ", rules.words(file))));
            } catch (KernelException e) {
                o.failed(e);
            }
        }
        if (!newlyOn.isEmpty()) {
            o.undoWith(new Command.DisableControllers(g, newlyOn));
        }
        return o.result();
    }

    CommandResult disable(Command.DisableControllers c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = first(rules.mount(g.hierarchy()), rules.exists(g));
        if (refused.isEmpty()) {
            refused = rules.disable(g, c.controllers());
        }
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        Path file = g.dir(fs).resolve("cgroup.subtree_control");
        Set<String> before = rules.words(file);
        Set<String> newlyOff = new TreeSet<>();
        for (String ctl : new TreeSet<>(c.controllers())) {
            if (!before.contains(ctl)) {
                o.done(Step.done(ctl + " was not enabled for the children of " + g));
                continue;
            }
            try {
                fs.write(file, "-" + ctl);
                newlyOff.add(ctl);
                o.done(Step.done("disabled " + ctl + " for the children of " + g, String.join(" ", rules.words(file))));
            } catch (KernelException e) {
                o.failed(e);
            }
        }
        if (!newlyOff.isEmpty()) {
            o.undoWith(new Command.EnableControllers(g, newlyOff));
        }
        return o.result();
    }

    @SafeVarargs
    static Optional<Failure> first(Optional<Failure>... checks) {
        for (Optional<Failure> f : checks) {
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }
}
