package io.corral.model.command;

import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.FileWrite;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitReader;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitWrites;
import io.corral.model.limit.Setting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sets limits through the vocabulary's write plans, checking before any write that every
 * knob applies to the hierarchy and every value fits a write; re-reads the group after
 * each setting, because the kernel rounds (v1 memory to pages) or clamps values.
 */
final class LimitWriter {
    private final CgroupFs fs;
    private final KernelRules rules;
    private final LimitReader reader;

    LimitWriter(CgroupFs fs, KernelRules rules) {
        this.fs = fs;
        this.rules = rules;
        this.reader = new LimitReader(fs);
    }

    CommandResult set(Command.SetLimits c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = GroupWriter.first(rules.mount(g.hierarchy()), rules.exists(g));
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        Path dir = g.dir(fs);
        List<ReadProblem> problems = new ArrayList<>();
        GroupLimits before = reader.read(dir, g.hierarchy(), problems);
        // Plan every setting first: a bad one refuses the whole command before any write.
        List<List<FileWrite>> plans = new ArrayList<>();
        for (Setting s : c.settings()) {
            Optional<Failure> bad = check(g, s);
            List<FileWrite> plan = List.of();
            if (bad.isEmpty()) {
                try {
                    plan = LimitWrites.plan(s.knob(), s.value(), g.hierarchy().version(), before);
                } catch (InvalidInputException e) {
                    bad = Optional.of(Failure.rule(Errno.EINVAL, dir, s.toString(), e.getMessage()));
                }
            }
            for (FileWrite w : plan) {
                if (bad.isEmpty()) {
                    bad = missingFile(g, s.knob(), w).or(() -> rules.valueSize(dir.resolve(w.file()), w.text()));
                }
            }
            if (bad.isPresent()) {
                return o.failed(bad.get()).result();
            }
            plans.add(plan);
        }
        List<Setting> undo = new ArrayList<>();
        GroupLimits current = before;
        for (int i = 0; i < c.settings().size(); i++) {
            Setting s = c.settings().get(i);
            List<FileWrite> plan = plans.get(i);
            if (i > 0) {
                // Earlier settings changed the group: the v1 write order depends on current values.
                try {
                    plan = LimitWrites.plan(s.knob(), s.value(), g.hierarchy().version(), current);
                } catch (InvalidInputException e) {
                    plan = plans.get(i);
                }
            }
            boolean wrote = false;
            try {
                for (FileWrite w : plan) {
                    fs.write(dir.resolve(w.file()), w.text());
                    wrote = true;
                }
            } catch (KernelException e) {
                o.failed(e);
                if (!wrote) {
                    continue;
                }
            }
            previous(s, before).ifPresent(undo::add);
            current = reader.read(dir, g.hierarchy(), new ArrayList<>());
            String holds = current.get(s.knob()).map(LimitWriter::holds).orElse("not readable");
            o.done(Step.done("set " + s + " on " + g, holds));
        }
        if (!undo.isEmpty()) {
            o.undoWith(new Command.SetLimits(g, undo));
        }
        return o.result();
    }

    /** What the file holds after the write: its text, and how that reads when it says more. */
    static String holds(Limit l) {
        String value = String.valueOf(l.value());
        String raw = l.file() + " = " + l.raw();
        return value.equals(l.raw()) ? raw : raw + " (" + value + ")";
    }

    /** The setting that restores what the group held before, for the knob (and devices) changed. */
    static Optional<Setting> previous(Setting s, GroupLimits before) {
        Optional<LimitValue> old = before.value(s.knob());
        if (s.value() instanceof LimitValue.PerDevice changed) {
            TreeMap<LimitValue.DeviceNumber, LimitValue> restore = new TreeMap<>();
            LimitValue.PerDevice had = old.filter(LimitValue.PerDevice.class::isInstance)
                    .map(LimitValue.PerDevice.class::cast).orElse(null);
            for (LimitValue.DeviceNumber d : changed.limits().keySet()) {
                LimitValue v = had == null ? null : had.limits().get(d);
                restore.put(d, v == null ? LimitValue.Unlimited.INSTANCE : v);
            }
            return Optional.of(new Setting(s.knob(), new LimitValue.PerDevice(restore)));
        }
        return old.map(v -> new Setting(s.knob(), v));
    }

    private Optional<Failure> check(GroupRef g, Setting s) {
        Knob k = s.knob();
        Path dir = g.dir(fs);
        if (!k.appliesTo(g.hierarchy())) {
            String ctl = k.controller(g.hierarchy().version()).orElse(null);
            return Optional.of(Failure.rule(Errno.ENOENT, dir, s.toString(), ctl == null
                    ? k + " does not exist on cgroup " + (g.isV2() ? "v2" : "v1") + " (" + g.hierarchy().label() + ")"
                    : g.hierarchy().label() + " does not have the " + ctl + " controller needed for " + k));
        }
        return Optional.empty();
    }

    private Optional<Failure> missingFile(GroupRef g, Knob k, FileWrite w) {
        Path file = g.dir(fs).resolve(w.file());
        if (fs.exists(file)) {
            return Optional.empty();
        }
        String ctl = k.controller(g.hierarchy().version()).orElse("?");
        String why = g.isV2() && !g.path().isRoot()
                ? "the " + ctl + " controller is not enabled for " + g + " (enable it in " + g.parent()
                        + "'s cgroup.subtree_control first)"
                : "this kernel does not provide it (e.g. swap accounting is off)";
        return Optional.of(Failure.rule(Errno.ENOENT, file, w.text(), "interface file " + w.file() + " of " + g
                + " does not exist: " + why));
    }
}
