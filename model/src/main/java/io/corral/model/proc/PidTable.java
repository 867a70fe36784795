package io.corral.model.proc;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A map from positive pids (or other positive ids: inotify watch descriptors) to values
 * without boxing (open addressing, linear probing): looked up once per process on every
 * tick, where a {@code HashMap<Integer, ...>} boxes every pid above 127. Not thread-safe.
 *
 * @param <T> the value
 */
public final class PidTable<T> {
    private int[] keys = new int[256];
    private Object[] values = new Object[256];
    private int size;

    public T get(int pid) {
        int i = indexOf(pid);
        @SuppressWarnings("unchecked")
        T v = i < 0 ? null : (T) values[i];
        return v;
    }

    /** The slot holding {@code pid}, or -1. */
    private int indexOf(int pid) {
        int mask = keys.length - 1;
        for (int i = slot(pid, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == pid) {
                return i;
            }
        }
        return -1;
    }

    public void put(int pid, T value) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid " + pid);
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(pid, mask);
        while (keys[i] != 0 && keys[i] != pid) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = pid;
        values[i] = value;
    }

    /** Removes every entry {@code drop} accepts (backward-shift deletion, no tombstones). */
    public void removeIf(Predicate<T> drop) {
        int mask = keys.length - 1;
        for (int i = 0; i < keys.length; ) {
            @SuppressWarnings("unchecked")
            T v = (T) values[i];
            if (keys[i] != 0 && drop.test(v)) {
                delete(i, mask);
                // the slot now holds a shifted entry (or is empty): look at it again
            } else {
                i++;
            }
        }
    }

    public void forEach(java.util.function.Consumer<T> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                @SuppressWarnings("unchecked")
                T v = (T) values[i];
                action.accept(v);
            }
        }
    }

    /** Removes the entry of {@code pid}; returns its value, or null. */
    public T remove(int pid) {
        int i = indexOf(pid);
        if (i < 0) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T v = (T) values[i];
        delete(i, keys.length - 1);
        return v;
    }

    public int size() {
        return size;
    }

    public void clear() {
        Arrays.fill(keys, 0);
        Arrays.fill(values, null);
        size = 0;
    }

    private void delete(int at, int mask) {
        int hole = at;
        keys[hole] = 0;
        values[hole] = null;
        size--;
        for (int i = (hole + 1) & mask; keys[i] != 0; i = (i + 1) & mask) {
            int home = slot(keys[i], mask);
            // move i into the hole if its home is not in (hole, i] cyclically
            boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!between) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                keys[i] = 0;
                values[i] = null;
                hole = i;
            }
        }
    }

    private void grow() {
        int[] k = keys;
        Object[] v = values;
        keys = new int[k.length * 2];
        values = new Object[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != 0) {
                @SuppressWarnings("unchecked")
                T t = (T) v[i];
                put(k[i], t);
            }
        }
    }

    private static int slot(int pid, int mask) {
        int h = pid * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }
}
