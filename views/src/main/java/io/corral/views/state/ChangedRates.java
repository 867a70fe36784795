package io.corral.views.state;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;

import java.util.Arrays;

/**
 * The pairs of groups whose rates a frame must compute, and their rates by the model's
 * {@link Rates#of} (the one place that computes rates: same group only with the same inode,
 * a counter that went backwards is absent). A group handed over as the same object as in
 * the last snapshot has the same counters: its rates are zero (or absent) and need no
 * computing once known, so on an idle host of 30 000 groups a tick computes a handful.
 * Each pair divides by the time between the readings of its own hierarchy; the tasks' CPU %
 * comes from every process of the two snapshots.
 *
 * <p>The pairs are kept in three arrays: no tree, snapshot or key is made per pair.
 */
final class ChangedRates {
    private Hierarchy[] hierarchies = new Hierarchy[16];
    private Group[] was = new Group[16];
    private Group[] now = new Group[16];
    private int size;

    /** Rates of {@code now} against {@code was} (a group in the last whole snapshot at the same path). */
    void add(Hierarchy h, Group was, Group now) {
        if (size == this.now.length) {
            int n = size * 2;
            hierarchies = Arrays.copyOf(hierarchies, n);
            this.was = Arrays.copyOf(this.was, n);
            this.now = Arrays.copyOf(this.now, n);
        }
        hierarchies[size] = h;
        this.was[size] = was;
        this.now[size++] = now;
    }

    int size() {
        return size;
    }

    Rates between(HostSnapshot previous, HostSnapshot snapshot) {
        double seconds = (snapshot.monotonicNanos() - previous.monotonicNanos()) / 1e9;
        Rates.Builder b = new Rates.Builder(seconds);
        if (seconds > 0) {
            String id = null;
            double hierarchySeconds = 0;
            for (int i = 0; i < size; i++) {
                if (!hierarchies[i].id().equals(id)) { // pairs come hierarchy by hierarchy
                    id = hierarchies[i].id();
                    hierarchySeconds = Rates.secondsOf(id, previous, snapshot);
                }
                b.group(id, now[i].path(), Rates.of(was[i], now[i], hierarchySeconds, snapshot.cpuCount()));
            }
            b.processesBetween(previous, snapshot);
        }
        return b.build();
    }
}
