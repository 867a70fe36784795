package io.corral.views.tasks;

import io.corral.views.state.GroupRow;
import io.corral.views.state.TaskRow;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.DataFormat;

import java.util.List;
import java.util.Optional;

/**
 * The drag in progress between the task table and the group tree (FX thread). The
 * dragboard carries the PIDs as text for other applications; the tree judges a drop from
 * the rows held here, which are the rows the user saw when the drag started.
 */
public final class TaskDrag {
    /** Dragboard format: "hierarchy:/path pid pid ...". */
    public static final DataFormat FORMAT = new DataFormat("application/x-corral-tasks");

    /**
     * The tasks being dragged and the group they come from: processes, or (with
     * {@code threadIds}) single threads of the processes in {@code tasks}.
     */
    public record Dragged(GroupRow source, List<TaskRow> tasks, List<Long> threadIds) {
        public Dragged {
            tasks = List.copyOf(tasks);
            threadIds = List.copyOf(threadIds);
        }

        public Dragged(GroupRow source, List<TaskRow> tasks) {
            this(source, tasks, List.of());
        }

        /** Threads, written to cgroup.threads (v2) or tasks (v1), not processes. */
        public boolean threads() {
            return !threadIds.isEmpty();
        }

        /** The ids to write: thread ids for a thread drag, else process ids. */
        public List<Long> pids() {
            return threads() ? threadIds : tasks.stream().map(TaskRow::pid).toList();
        }

        public String encode() {
            StringBuilder sb = new StringBuilder(source.key().toString());
            pids().forEach(id -> sb.append(' ').append(id));
            return sb.toString();
        }
    }

    private final ObjectProperty<Dragged> current = new SimpleObjectProperty<>(this, "current");
    private final javafx.beans.property.BooleanProperty pointerHeld =
            new javafx.beans.property.SimpleBooleanProperty(this, "pointerHeld");
    private final javafx.beans.binding.BooleanBinding busy = current.isNotNull().or(pointerHeld);
    private final ObjectProperty<DropVerdict> verdict = new SimpleObjectProperty<>(this, "verdict");

    public void start(Dragged d) {
        verdict.set(null);
        current.set(d);
    }

    public Optional<Dragged> current() {
        return Optional.ofNullable(current.get());
    }

    public ObjectProperty<Dragged> currentProperty() {
        return current;
    }

    /** A button is held on the task table (a selection or a drag may be starting). */
    public javafx.beans.property.BooleanProperty pointerHeldProperty() {
        return pointerHeld;
    }

    /**
     * True while the user holds or drags tasks: views defer refreshes then, so rows do not
     * move or change under the pointer; they apply the newest frame when it turns false.
     */
    public javafx.beans.binding.BooleanBinding busyProperty() {
        return busy;
    }

    /** The verdict of the target under the pointer (null when over no group). */
    public ObjectProperty<DropVerdict> verdictProperty() {
        return verdict;
    }

    /** Ends the drag; returns the last verdict shown, if any. */
    public Optional<DropVerdict> finish() {
        DropVerdict last = verdict.get();
        pointerHeld.set(false);
        current.set(null);
        verdict.set(null);
        return Optional.ofNullable(last);
    }
}
