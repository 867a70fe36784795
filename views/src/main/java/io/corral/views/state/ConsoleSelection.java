package io.corral.views.state;

import io.corral.model.sample.GroupKey;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.List;
import java.util.Optional;

/**
 * What the user is looking at: the current group (and the last current group of each
 * hierarchy, so switching hierarchies comes back where one was), and the selected tasks.
 * Selection is by {@link GroupKey} and PID, so it survives refreshes; the group row of the
 * current frame follows {@link ConsoleState#frameProperty()}.
 */
public final class ConsoleSelection {
    private final ObjectProperty<GroupKey> group = new SimpleObjectProperty<>(this, "group");
    private final ObservableMap<String, GroupKey> groupPerHierarchy = FXCollections.observableHashMap();
    private final ObservableList<Long> tasks = FXCollections.observableArrayList();
    private final ObjectBinding<Optional<GroupRow>> groupRow;

    ConsoleSelection(ConsoleState state) {
        group.addListener((o, was, now) -> {
            if (now != null) {
                groupPerHierarchy.put(now.hierarchyId(), now);
            }
            tasks.clear();
        });
        groupRow = Bindings.createObjectBinding(
                () -> group.get() == null ? Optional.empty()
                        : state.frame().flatMap(f -> f.group(group.get())),
                group, state.frameProperty());
    }

    public ObjectProperty<GroupKey> groupProperty() {
        return group;
    }

    public Optional<GroupKey> group() {
        return Optional.ofNullable(group.get());
    }

    public void selectGroup(GroupKey key) {
        group.set(key);
    }

    /** The current group as of the frame on screen; empty if none is selected or it vanished. */
    public ObjectBinding<Optional<GroupRow>> groupRow() {
        return groupRow;
    }

    /** The last group selected in each hierarchy, by hierarchy id. */
    public ObservableMap<String, GroupKey> groupPerHierarchy() {
        return groupPerHierarchy;
    }

    /** PIDs selected in the task table. */
    public ObservableList<Long> tasks() {
        return tasks;
    }

    public void selectTasks(List<Long> pids) {
        tasks.setAll(pids);
    }
}
