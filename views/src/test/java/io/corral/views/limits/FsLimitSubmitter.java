package io.corral.views.limits;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.FileWrite;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitReader;
import io.corral.model.limit.LimitWrites;
import io.corral.model.limit.Setting;
import io.corral.views.state.GroupKey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test submitter that records every call and applies it through {@link CgroupFs} with the
 * model's write plans on a background thread (like the engine's writer thread), then
 * re-reads the group to tell applied from clamped. Stands in for the command engine's
 * SetLimits until that lands on this branch.
 */
final class FsLimitSubmitter implements LimitSubmitter, AutoCloseable {
    record Call(GroupKey group, List<Setting> settings) {
    }

    private final CgroupFs fs;
    private final Map<String, Hierarchy> hierarchies;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-limit-writer");
        t.setDaemon(true);
        return t;
    });

    FsLimitSubmitter(CgroupFs fs, Map<String, Hierarchy> hierarchies) {
        this.fs = fs;
        this.hierarchies = hierarchies;
    }

    List<Call> calls() {
        return calls;
    }

    @Override
    public CompletionStage<LimitsOutcome> submit(GroupKey group, List<Setting> settings) {
        calls.add(new Call(group, settings));
        return CompletableFuture.supplyAsync(() -> apply(group, settings), writer);
    }

    private LimitsOutcome apply(GroupKey group, List<Setting> settings) {
        Hierarchy h = hierarchies.get(group.hierarchyId());
        Path dir = fs.onHost(h.mount());
        for (String n : group.path().names()) {
            dir = dir.resolve(n);
        }
        List<LimitsOutcome.SettingOutcome> out = new ArrayList<>();
        LimitReader reader = new LimitReader(fs);
        for (Setting s : settings) {
            try {
                GroupLimits current = reader.read(dir, h, new ArrayList<ReadProblem>());
                for (FileWrite w : LimitWrites.plan(s.knob(), s.value(), h.version(), current)) {
                    fs.write(dir.resolve(w.file()), w.text());
                }
                Optional<Limit> now = reader.read(dir, h, new ArrayList<>()).get(s.knob());
                boolean same = now.map(l -> l.value().equals(s.value())).orElse(false);
                out.add(new LimitsOutcome.SettingOutcome(s, same ? LimitsOutcome.Status.APPLIED
                        : LimitsOutcome.Status.CLAMPED, now.map(Limit::raw),
                        same ? "" : "asked " + s.value() + ", kernel holds " + now.map(Limit::raw).orElse("?")));
            } catch (KernelException | InvalidInputException e) {
                out.add(new LimitsOutcome.SettingOutcome(s, LimitsOutcome.Status.REJECTED, Optional.empty(),
                        e.getMessage()));
            }
        }
        return new LimitsOutcome(out);
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
