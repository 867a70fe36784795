package io.corral.model.proc;

import io.corral.model.proc.TaskCgroups.Members;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Which tasks each group holds, in every hierarchy, kept up to date one task move at a time
 * ({@link #place}); a group's {@link Members} (its processes and threads, ascending) are
 * built again only when asked for after its tasks changed, so a host whose processes come
 * and go costs nothing for the groups nobody looks at.
 *
 * @param <T> a task as its scanner knows it (removal checks it is the same one, not just the
 *            same thread id, which the kernel may give to another task)
 */
final class TaskCgroupsMembership<T> {
    private final ToIntFunction<T> pidOf;
    /** Tasks by hierarchy id, group path and thread id. */
    private final Map<String, Map<String, TreeMap<Integer, T>>> byGroup = new HashMap<>();
    /** Members by hierarchy id and group path, as last built. */
    private final Map<String, Map<String, Members>> index = new HashMap<>();
    /** Groups whose tasks changed since their members were last built, by hierarchy id. */
    private final Map<String, Set<String>> touched = new HashMap<>();

    TaskCgroupsMembership(ToIntFunction<T> pidOf) {
        this.pidOf = pidOf;
    }

    /** Moves a task from the groups {@code was} (hierarchy id to path) to {@code now}. */
    void place(T task, int tid, Map<String, String> was, Map<String, String> now) {
        for (Map.Entry<String, String> e : was.entrySet()) {
            if (!e.getValue().equals(now.get(e.getKey()))) {
                Map<String, TreeMap<Integer, T>> h = byGroup.get(e.getKey());
                TreeMap<Integer, T> set = h == null ? null : h.get(e.getValue());
                if (set != null) {
                    set.remove(tid, task);
                    if (set.isEmpty()) {
                        h.remove(e.getValue());
                    }
                }
                touch(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(was.get(e.getKey()))) {
                byGroup.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                        .computeIfAbsent(e.getValue(), k -> new TreeMap<>()).put(tid, task);
                touch(e.getKey(), e.getValue());
            }
        }
    }

    /** Members of a group, by hierarchy id ({@code unified}, {@code memory}, {@code name=systemd}) and path. */
    Members members(String hierarchyId, String path) {
        Set<String> t = touched.get(hierarchyId);
        if (t != null && t.remove(path)) {
            rebuild(hierarchyId, path);
        }
        Map<String, Members> h = index.get(hierarchyId);
        Members m = h == null ? null : h.get(path);
        return m == null ? Members.NONE : m;
    }

    /** Groups left without tasks: their members go now (nobody may ask for them again). */
    void forgetEmptied() {
        for (Map.Entry<String, Set<String>> e : touched.entrySet()) {
            Map<String, TreeMap<Integer, T>> hg = byGroup.get(e.getKey());
            Iterator<String> it = e.getValue().iterator();
            while (it.hasNext()) {
                String path = it.next();
                if (hg == null || !hg.containsKey(path)) {
                    it.remove();
                    forget(e.getKey(), path);
                }
            }
        }
    }

    private void touch(String hierarchyId, String path) {
        touched.computeIfAbsent(hierarchyId, k -> new HashSet<>()).add(path);
    }

    private void rebuild(String h, String path) {
        Map<String, TreeMap<Integer, T>> hg = byGroup.get(h);
        TreeMap<Integer, T> set = hg == null ? null : hg.get(path);
        if (set == null || set.isEmpty()) {
            forget(h, path);
            return;
        }
        TreeSet<Integer> pids = new TreeSet<>();
        for (T t : set.values()) {
            pids.add(pidOf.applyAsInt(t));
        }
        index.computeIfAbsent(h, k -> new HashMap<>())
                .put(path, new Members(List.copyOf(pids), List.copyOf(set.keySet())));
    }

    private void forget(String h, String path) {
        Map<String, Members> m = index.get(h);
        if (m != null) {
            m.remove(path);
        }
    }
}
