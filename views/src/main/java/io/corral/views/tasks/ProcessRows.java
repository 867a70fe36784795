package io.corral.views.tasks;

import io.corral.views.state.TaskRow;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task table's items: ONE item per process for as long as the group lists it (the row
 * first seen for its PID), and per item an observable of its newest row, which the cells
 * show. A tick that changes a process's CPU % sets that observable: the list itself reports
 * an update (its extractor), never a replacement. {@code TableViewSkinBase} answers a
 * replaced item by re-indexing every row of the table, and {@code VirtualFlow} then re-applies
 * CSS to each (measured: 64 ms of a 119 ms pulse at 5000 groups); an update re-lays out only
 * the rows whose text changed. The selection holds items, so it is kept as it is.
 * FX thread only.
 */
final class ProcessRows {
    private final Map<Long, ReadOnlyObjectWrapper<TaskRow>> newest = new HashMap<>();
    private final Map<Long, ObjectBinding<TaskRow>> shown = new HashMap<>();
    /** Counts {@link #refresh()} calls: the cells' values depend on it. */
    private final IntegerProperty refreshes = new SimpleIntegerProperty();
    private final ObservableList<TaskRow> items =
            FXCollections.observableArrayList(item -> new Observable[]{newest(item)});

    /** The items, in the order of the last {@link #show} (the table sorts a view of them). */
    ObservableList<TaskRow> items() {
        return items;
    }

    /** The newest row of an item's process (what its cells show). */
    ReadOnlyObjectProperty<TaskRow> newest(TaskRow item) {
        ReadOnlyObjectWrapper<TaskRow> p = newest.get(item.pid());
        if (p == null) {
            throw new IllegalArgumentException("no process " + item.pid() + " in the table");
        }
        return p.getReadOnlyProperty();
    }

    /**
     * What an item's cells show: its newest row, invalidated also by {@link #refresh()}. (The
     * list's extractor follows {@link #newest} only: a refresh re-reads cells, it does not
     * re-sort.)
     */
    ObservableValue<TaskRow> shown(TaskRow item) {
        ObjectBinding<TaskRow> b = shown.get(item.pid());
        if (b == null) {
            ReadOnlyObjectWrapper<TaskRow> p = newest.get(item.pid());
            if (p == null) {
                throw new IllegalArgumentException("no process " + item.pid() + " in the table");
            }
            // On the wrapper itself, not on newest(item)'s read-only view: bound to that view,
            // a sorted table stopped re-sorting on a changed CPU % (TaskTableFxTest).
            b = Bindings.createObjectBinding(p::get, p, refreshes);
            shown.put(item.pid(), b);
        }
        return b;
    }

    /**
     * The cells on screen read their rows again (what they show from elsewhere changed, e.g.
     * the namespace snapshot), in place: each invalidated cell is updated in the next layout.
     */
    void refresh() {
        refreshes.set(refreshes.get() + 1);
    }

    /** The newest row of the process with this PID, if it is listed. */
    Optional<TaskRow> byPid(long pid) {
        ReadOnlyObjectWrapper<TaskRow> p = newest.get(pid);
        return p == null ? Optional.empty() : Optional.of(p.get());
    }

    /**
     * Brings the items to {@code tasks} (one stable order, as the snapshot lists them): the
     * newest row of a process still there is set only when it differs; vanished processes go
     * in one removal; new ones are inserted in runs where they belong. If the order of the
     * processes still there changed, the items are replaced at once.
     */
    void show(List<TaskRow> tasks) {
        Set<Long> present = new HashSet<>();
        tasks.forEach(t -> present.add(t.pid()));
        Set<TaskRow> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TaskRow item : items) {
            if (!present.contains(item.pid())) {
                gone.add(item);
            }
        }
        if (!gone.isEmpty()) {
            items.removeAll(gone);
            gone.forEach(item -> {
                newest.remove(item.pid());
                ObjectBinding<TaskRow> b = shown.remove(item.pid());
                if (b != null) {
                    b.dispose();
                }
            });
        }
        for (TaskRow t : tasks) {
            ReadOnlyObjectWrapper<TaskRow> p = newest.get(t.pid());
            if (p != null && !p.get().equals(t)) {
                p.set(t);
            }
        }
        if (!insertNew(tasks)) {
            Map<Long, TaskRow> kept = new HashMap<>();
            items.forEach(i -> kept.put(i.pid(), i));
            List<TaskRow> all = new ArrayList<>(tasks.size());
            for (TaskRow t : tasks) {
                newest.computeIfAbsent(t.pid(), pid -> new ReadOnlyObjectWrapper<>(t));
                all.add(kept.getOrDefault(t.pid(), t));
            }
            items.setAll(all);
        }
    }

    /** Inserts the new processes in runs; false (nothing done) if the others are not in {@code tasks}' order. */
    private boolean insertNew(List<TaskRow> tasks) {
        int at = 0;
        for (TaskRow t : tasks) {
            if (newest.containsKey(t.pid())) {
                if (at >= items.size() || items.get(at).pid() != t.pid()) {
                    return false;
                }
                at++;
            }
        }
        int i = 0;
        int k = 0;
        while (k < tasks.size()) {
            if (newest.containsKey(tasks.get(k).pid())) {
                i++;
                k++;
                continue;
            }
            List<TaskRow> run = new ArrayList<>();
            while (k < tasks.size() && !newest.containsKey(tasks.get(k).pid())) {
                TaskRow t = tasks.get(k++);
                run.add(t);
            }
            // The observables first: the list's extractor asks for them as the items arrive.
            run.forEach(t -> newest.put(t.pid(), new ReadOnlyObjectWrapper<>(t)));
            items.addAll(i, run);
            i += run.size();
        }
        return true;
    }
}
