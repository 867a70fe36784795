package io.corral.model.command;

import io.corral.model.kernel.KernelException;

import java.util.ArrayList;
import java.util.List;

/** Collects what a command did, what failed and how to undo it, while it runs. */
final class Outcome {
    final Command command;
    final List<Step> steps = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();
    final List<Command> inverse = new ArrayList<>();

    Outcome(Command command) {
        this.command = command;
    }

    Outcome done(Step step) {
        steps.add(step);
        return this;
    }

    Outcome failed(Failure f) {
        failures.add(f);
        return this;
    }

    Outcome failed(KernelException e) {
        failures.add(Failure.of(e));
        return this;
    }

    Outcome undoWith(Command c) {
        inverse.add(c);
        return this;
    }

    CommandResult result() {
        return CommandResult.of(command, steps, failures, inverse);
    }
}
