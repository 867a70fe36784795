package io.corral.model.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a command did. {@link Applied}: everything; {@link Partial}: some items, with what
 * failed per item; {@link Rejected}: nothing (a rule refused it, or the first write
 * failed). {@code inverse} undoes what did happen, computed from the state read before the
 * change (empty when there is nothing to undo or no inverse exists). {@code warnings} are
 * problems beside the change itself, such as a journal that could not be written.
 */
public sealed interface CommandResult {
    Command command();

    List<Command> inverse();

    List<String> warnings();

    /** Adds a warning (returns a new result). */
    CommandResult withWarning(String warning);

    default boolean changedSomething() {
        return !(this instanceof Rejected);
    }

    record Applied(Command command, List<Step> steps, List<Command> inverse, List<String> warnings)
            implements CommandResult {
        public Applied {
            Objects.requireNonNull(command);
            steps = List.copyOf(steps);
            inverse = List.copyOf(inverse);
            warnings = List.copyOf(warnings);
        }

        @Override
        public CommandResult withWarning(String warning) {
            return new Applied(command, steps, inverse, plus(warnings, warning));
        }
    }

    record Partial(Command command, List<Step> steps, List<Failure> failures, List<Command> inverse,
                   List<String> warnings) implements CommandResult {
        public Partial {
            Objects.requireNonNull(command);
            steps = List.copyOf(steps);
            failures = List.copyOf(failures);
            inverse = List.copyOf(inverse);
            warnings = List.copyOf(warnings);
        }

        @Override
        public CommandResult withWarning(String warning) {
            return new Partial(command, steps, failures, inverse, plus(warnings, warning));
        }
    }

    /** Nothing changed. {@code failures} has one entry per refused item (at least one). */
    record Rejected(Command command, List<Failure> failures, List<String> warnings) implements CommandResult {
        public Rejected {
            Objects.requireNonNull(command);
            failures = List.copyOf(failures);
            if (failures.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
            warnings = List.copyOf(warnings);
        }

        public Rejected(Command command, Failure failure) {
            this(command, List.of(failure), List.of());
        }

        /** The first (usually only) reason. */
        public Failure failure() {
            return failures.get(0);
        }

        @Override
        public List<Command> inverse() {
            return List.of();
        }

        @Override
        public CommandResult withWarning(String warning) {
            return new Rejected(command, failures, plus(warnings, warning));
        }
    }

    /**
     * Builds the result from what happened: nothing done is Rejected,
     * nothing failed is Applied, otherwise Partial.
     */
    static CommandResult of(Command command, List<Step> steps, List<Failure> failures, List<Command> inverse) {
        if (failures.isEmpty()) {
            return new Applied(command, steps, inverse, List.of());
        }
        if (steps.isEmpty()) {
            return new Rejected(command, failures, List.of());
        }
        return new Partial(command, steps, failures, inverse, List.of());
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> l = new ArrayList<>(list);
        l.add(item);
        return l;
    }
}
