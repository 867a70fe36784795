package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.host.Hardware;
import io.corral.model.host.HardwareReader;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.LimitReader;
import io.corral.model.sample.GroupKey;
import io.corral.model.sample.GroupRates;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.model.sample.SnapshotReader;
import io.corral.views.group.GroupPanels;
import io.corral.views.limits.LimitUsage;
import io.corral.views.limits.LimitsInputs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the limit editor and the charts of the selected group: every interval (and at once
 * after a command) it reads a snapshot scoped to the selected path (every hierarchy that
 * has it, without processes: cheap even on hosts with tens of thousands of groups), the
 * limits of its ancestors (for the effective limit), and hands a prepared tick to the
 * panels. Its own daemon thread; reads never overlap.
 */
public final class SelectedGroupFeed implements AutoCloseable {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "corral-group-feed");
        t.setDaemon(true);
        return t;
    });
    private final CgroupFs fs;
    private final SnapshotReader reader;
    private final GroupPanels panels;
    private Hardware hardware;
    private volatile GroupPath selected;
    private GroupPath lastPath;
    private HostSnapshot last;

    public SelectedGroupFeed(CgroupFs fs, SnapshotReader reader, GroupPanels panels) {
        this.fs = fs;
        this.reader = reader;
        this.panels = panels;
    }

    public void start(Duration interval) {
        thread.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The group to show (any thread); empty for none. Takes effect at once. */
    public void select(Optional<GroupPath> path) {
        selected = path.orElse(null);
        thread.execute(this::tick);
    }

    /** After a command: the next snapshot is the truth. */
    public void resampleNow() {
        thread.execute(this::tick);
    }

    private void tick() {
        GroupPath path = selected;
        if (path == null || path.isRoot()) {
            last = null;
            return;
        }
        try {
            if (hardware == null) {
                hardware = new HardwareReader(fs.hostRoot()).read(); // on this thread, never the FX thread
            }
            HostSnapshot now = reader.read(Optional.of(GroupSpec.parse(path.toString())), false);
            Rates rates = last != null && path.equals(lastPath) ? Rates.between(last, now) : Rates.between(now, now);
            List<LimitsInputs.InHierarchy> places = new ArrayList<>();
            OptionalDouble cores = OptionalDouble.empty();
            OptionalLong memory = OptionalLong.empty();
            OptionalLong swap = OptionalLong.empty();
            OptionalLong pids = OptionalLong.empty();
            LimitReader limits = new LimitReader(fs);
            for (HierarchyTree t : now.hierarchies()) {
                var g = t.find(path).orElse(null);
                if (g == null) {
                    continue;
                }
                List<Map.Entry<GroupPath, GroupLimits>> ancestors = new ArrayList<>();
                for (GroupPath p = path; !p.isRoot(); ) {
                    p = p.parent();
                    Path dir = fs.onHost(t.hierarchy().mount());
                    for (String n : p.names()) {
                        dir = dir.resolve(n);
                    }
                    ancestors.add(Map.entry(p, limits.read(dir, t.hierarchy(), new ArrayList<>())));
                }
                places.add(new LimitsInputs.InHierarchy(t.hierarchy(), path, g.limits(), ancestors));
                Optional<GroupRates> r = rates.group(new GroupKey(t.hierarchy().id(), path));
                if (cores.isEmpty() && r.isPresent() && r.get().cpuPercentOfCore().isPresent()) {
                    cores = OptionalDouble.of(r.get().cpuPercentOfCore().getAsDouble() / 100);
                }
                if (memory.isEmpty() && g.usage().memory().isPresent()) {
                    memory = g.usage().memory().get().currentBytes();
                    swap = g.usage().memory().get().swapBytes();
                }
                if (pids.isEmpty()) {
                    pids = g.usage().pidsCurrent();
                }
            }
            places.sort((a, b) -> Boolean.compare(a.hierarchy().isV2(), b.hierarchy().isV2()));
            last = now;
            lastPath = path;
            if (places.isEmpty()) {
                return; // removed meanwhile
            }
            panels.offer(new GroupPanels.Tick(path, now, rates, LimitsInputs.of(path.toString(), places,
                    new LimitUsage(cores, memory, swap, pids), hardware)));
        } catch (InvalidInputException | java.io.IOException | RuntimeException e) {
            System.err.println("corral: reading " + path + " failed: " + e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
