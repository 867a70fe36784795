package io.corral.views.limits;

import io.corral.model.limit.Setting;
import io.corral.model.sample.GroupKey;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where the limit editor sends its changes: one call is one SetLimits command for one
 * group in one hierarchy. The composition root adapts it to the command engine (which
 * runs it on its writer thread, re-reads the files and answers); tests record the calls.
 * The returned stage may complete on any thread: the editor hops back to the FX thread.
 */
@FunctionalInterface
public interface LimitSubmitter {
    CompletionStage<LimitsOutcome> submit(GroupKey group, List<Setting> settings);
}
