package io.corral.views.limits;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.GroupRef;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.Setting;
import io.corral.model.testing.FakeTasks;
import io.corral.model.sample.GroupKey;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real path of a change, recorded: every call is kept, then handed to an
 * {@link EngineLimitSubmitter} over a {@link CommandEngine} on its writer thread, as in the
 * console.
 */
final class RecordingSubmitter implements LimitSubmitter, AutoCloseable {
    record Call(GroupKey group, List<Setting> settings) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CommandEngine engine;
    private final EngineLimitSubmitter delegate;

    RecordingSubmitter(CgroupFs fs, Map<String, Hierarchy> hierarchies) {
        engine = new CommandEngine(fs, new FakeTasks(), Optional.empty(), CommandEngine.Mode.WRITER_THREAD);
        delegate = new EngineLimitSubmitter(engine::submit, key -> Optional.ofNullable(
                hierarchies.get(key.hierarchyId())).map(h -> new GroupRef(h, key.path())));
    }

    List<Call> calls() {
        return calls;
    }

    @Override
    public CompletionStage<LimitsOutcome> submit(GroupKey group, List<Setting> settings) {
        calls.add(new Call(group, settings));
        return delegate.submit(group, settings);
    }

    @Override
    public void close() {
        engine.close();
    }
}
