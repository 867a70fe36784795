package io.corral.views.checkpoint;

import io.corral.model.checkpoint.CriuStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * Whether checkpoint and restore can be offered, on the FX thread: the outcome of CRIU's
 * self-test (run on the worker; the live source is {@code CheckpointService::criuStatus}).
 * Until it is known, and when it failed, {@link #refusal()} says why, and the buttons and
 * menu items are disabled with that reason (never hidden).
 */
public final class CriuAvailability {
    private final Callable<CriuStatus> selfTest;
    private final OffFxThread off;
    private final ReadOnlyObjectWrapper<Optional<CriuStatus>> status =
            new ReadOnlyObjectWrapper<>(this, "status", Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<String>> refusal =
            new ReadOnlyObjectWrapper<>(this, "refusal", Optional.of("CRIU self-test not run yet"));

    /** @param selfTest blocking; runs on {@code worker} */
    public CriuAvailability(Callable<CriuStatus> selfTest, Executor worker) {
        this.selfTest = selfTest;
        this.off = new OffFxThread(worker);
    }

    /** A status known up front (tests, or a status the caller already has). FX thread. */
    public static CriuAvailability known(CriuStatus s) {
        CriuAvailability a = new CriuAvailability(() -> s, Runnable::run);
        a.set(s);
        return a;
    }

    /** Runs the self-test (or takes its remembered outcome) on the worker. FX thread. */
    public void check() {
        refusal.set(Optional.of("checking CRIU (self-test running)"));
        off.run(selfTest::call, this::set, e -> set(CriuStatus.unavailable("CRIU self-test failed: "
                + OffFxThread.message(e), Optional.empty(), Optional.empty(), "")));
    }

    private void set(CriuStatus s) {
        status.set(Optional.of(s));
        refusal.set(s.available() ? Optional.empty() : Optional.of("CRIU unavailable: " + s.reason()));
    }

    public ReadOnlyObjectProperty<Optional<CriuStatus>> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Empty when checkpoints can be taken and restored; else why not. */
    public ReadOnlyObjectProperty<Optional<String>> refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    public Optional<String> refusal() {
        return refusal.get();
    }

    /** One line for the pane: the version and the self-test's outcome. */
    public String describe() {
        return status.get().map(s -> s.available()
                // The reason of an available CRIU is the self-test's outcome ("self-test passed ...").
                ? "CRIU " + s.version().orElse("?") + ": "
                        + (s.reason() == null || s.reason().isBlank() ? "self-test passed" : s.reason())
                        + (s.dumpMillis() >= 0 ? " (dump " + s.dumpMillis() + " ms, restore " + s.restoreMillis() + " ms)" : "")
                : "Checkpoint and restore unavailable: " + s.reason())
                .orElse(refusal.get().orElse("CRIU status unknown"));
    }
}
