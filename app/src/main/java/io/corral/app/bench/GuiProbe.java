package io.corral.app.bench;

import io.corral.app.console.ConsolePanels;
import io.corral.app.console.ConsoleSession;
import io.corral.views.shell.ConsolePrefs;
import io.corral.views.shell.MainWindow;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code corral bench --gui}: the real console (the same composition as ConsoleLauncher)
 * on this host, with every group tree expanded, sampling at 1 Hz. Prints the time to the
 * first populated frame, the FX pulses' CSS+layout time (scene pre/post layout pulse
 * listeners, p50/p99/max), the gaps between pulses (AnimationTimer), and the RSS.
 */
public final class GuiProbe extends Application {
    static volatile long launchedAt;
    /** JVM uptime when the console was launched (class loading, picocli, building the groups). */
    static volatile long jvmToLaunchMillis;
    static volatile int seconds = 30;
    static volatile String result = "no result";

    private ConsoleSession session;
    private ConsolePanels panels;
    private final List<Long> layoutNanos = Collections.synchronizedList(new ArrayList<>());
    /** The same pulses' CSS+layout in FX-thread CPU time: what our code costs, whatever the load. */
    private final List<Long> layoutCpuNanos = Collections.synchronizedList(new ArrayList<>());
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private long measureFrom;
    private long fxCpuFrom;
    private long gcMillisFrom;
    private long gcCountFrom;
    private final List<Long> gapNanos = new ArrayList<>();
    /**
     * The FX thread's work for each frame on screen: the pulse (from this probe's animation
     * timer at its start to the end of CSS+layout) plus the hand-over of a console frame that
     * ran since the previous pulse (a runLater between pulses, which delays this one).
     */
    private final List<Long> pulseWorkNanos = new ArrayList<>();
    private final List<Long> handOverNanos = new ArrayList<>();
    /** The same as pulseWorkNanos in FX-thread CPU time: what our code and JavaFX cost, whatever else runs. */
    private final List<Long> pulseWorkCpuNanos = new ArrayList<>();
    private long pendingHandOverCpu;
    private long pulseStartCpu;
    /** Where each measured pulse's FX work went: hand-over (and its timed parts), CSS, layout. */
    private final List<PulseSplit> splits = new ArrayList<>();
    private long cssNanos;
    private long treeLayoutNanos;
    private long tasksLayoutNanos;
    private java.util.Map<String, Long> partsAtPulse = java.util.Map.of();
    private java.util.Map<String, Long> partsThisPulse = java.util.Map.of();
    private final GcWatch gc = new GcWatch();
    private long fxThreadId;
    private long fxAllocFrom;
    private long samplerAllocFrom;
    private long pulseStart;
    private long pendingHandOver;
    private long handOversSeen;
    private long firstFrameAt;
    private long wholeFrameAt;
    private volatile long wholeSnapshotAt;
    private long startAt;
    private long windowShownAt;
    private long windowBuiltAt;
    private long panelsAt;
    private volatile long firstSnapshotAt;
    private long rows;

    @Override
    public void start(Stage stage) {
        startAt = System.nanoTime();
        fxThreadId = Thread.currentThread().getId();
        session = ConsoleSession.live(Duration.ofSeconds(1));
        session.sampler().addListener(s -> {
            if (firstSnapshotAt == 0) {
                firstSnapshotAt = System.nanoTime();
            }
            if (wholeSnapshotAt == 0 && !s.partial()) {
                wholeSnapshotAt = System.nanoTime();
            }
        });
        session.start(); // as ConsoleLauncher: the first read overlaps building the window
        MainWindow window = new MainWindow(stage, session.state(), session.actions(), ConsolePrefs.forUser());
        windowBuiltAt = System.nanoTime();
        panels = ConsolePanels.install(window, session, Path.of("/"), true, true);
        panelsAt = System.nanoTime();
        Scene scene = window.scene();
        Runnable cssPass = cssPass(scene);
        Node[] tables = new Node[2];
        long[] pre = new long[1];
        long[] preCpu = new long[1];
        scene.addPreLayoutPulseListener(() -> {
            pre[0] = System.nanoTime();
            preCpu[0] = THREADS.getCurrentThreadCpuTime();
            // The scene's own CSS pass, run here to time it apart from layout: the pass that
            // follows finds the root clean. (Not Node.applyCss: it forces CSS on every node.)
            cssPass.run();
            cssNanos = System.nanoTime() - pre[0];
            // The two virtual flows laid out first, each on its own clock (the scene's layout
            // pass then finds them laid out, unless their parents resize them).
            // Looked up once: a lookup walks the whole scene graph (it was most of a quiet pulse).
            if (tables[0] == null || tables[1] == null) {
                tables[0] = scene.lookup("#group-tree");
                tables[1] = scene.lookup("#task-table");
            }
            treeLayoutNanos = layoutOf(tables[0]);
            tasksLayoutNanos = layoutOf(tables[1]);
        });
        scene.addPostLayoutPulseListener(() -> {
            if (wholeFrameAt != 0 && pre[0] != 0) {
                long end = System.nanoTime();
                layoutNanos.add(end - pre[0]);
                layoutCpuNanos.add(THREADS.getCurrentThreadCpuTime() - preCpu[0]);
                if (pulseStart != 0) {
                    pulseWorkNanos.add(end - pulseStart + pendingHandOver);
                    pulseWorkCpuNanos.add(THREADS.getCurrentThreadCpuTime() - pulseStartCpu + pendingHandOverCpu);
                    splits.add(new PulseSplit(end - pulseStart + pendingHandOver, pendingHandOver, cssNanos,
                            end - pre[0] - cssNanos, treeLayoutNanos, tasksLayoutNanos, partsThisPulse));
                    pendingHandOver = 0;
                }
            }
        });
        session.state().frameProperty().addListener((o, was, now) -> {
            if (firstFrameAt == 0 && now != null) {
                firstFrameAt = System.nanoTime();
            }
            if (wholeFrameAt == 0 && now != null && now.snapshot().map(x -> !x.partial()).orElse(true)) {
                wholeFrameAt = System.nanoTime();
            }
        });
        new AnimationTimer() {
            long last;
            int expansions;

            @Override
            public void handle(long now) {
                pulseStart = System.nanoTime();
                // Every hand-over since the last pulse (a runLater between pulses delays this one).
                pendingHandOver = session.state().work().takePending();
                pendingHandOverCpu = session.state().work().takePendingCpu();
                pulseStartCpu = THREADS.getCurrentThreadCpuTime();
                java.util.Map<String, Long> parts = session.state().work().parts();
                partsThisPulse = new java.util.HashMap<>();
                parts.forEach((k, v) -> partsThisPulse.put(k, v - partsAtPulse.getOrDefault(k, 0L)));
                partsAtPulse = parts;
                long shown = session.state().publishedCount();
                if (shown != handOversSeen) {
                    handOversSeen = shown;
                    if (measureFrom != 0) {
                        handOverNanos.add(pendingHandOver);
                    }
                }
                // Measured from the first WHOLE frame (the first ones come in phases).
                if (wholeFrameAt != 0 && expansions < 5 && System.nanoTime() - wholeFrameAt > (expansions + 1) * 1_000_000_000L) {
                    expansions++;
                    rows = expandAll(scene.getRoot());
                    showCharts(scene);
                    layoutNanos.clear();
                    layoutCpuNanos.clear();
                    measureFrom = System.nanoTime();
                    fxCpuFrom = THREADS.getCurrentThreadCpuTime();
                    gcMillisFrom = gcMillis();
                    gcCountFrom = gcCount();
                    gapNanos.clear();
                    pulseWorkNanos.clear();
                    pulseWorkCpuNanos.clear();
                    handOverNanos.clear();
                    splits.clear();
                    pulseStart = 0;
                    pendingHandOver = 0;
                    gc.reset();
                    fxAllocFrom = allocated(fxThreadId);
                    samplerAllocFrom = allocated(samplerThreadId());
                    last = 0;
                    return;
                }
                if (last != 0 && expansions >= 5) {
                    gapNanos.add(now - last);
                }
                last = now;
                if (wholeFrameAt != 0 && System.nanoTime() - wholeFrameAt > (seconds + 6) * 1_000_000_000L) {
                    stop();
                    double secs = (System.nanoTime() - measureFrom) / 1e9;
                    fxAllocPerSecond = (allocated(fxThreadId) - fxAllocFrom) / secs;
                    samplerAllocPerSecond = (allocated(samplerThreadId()) - samplerAllocFrom) / secs;
                    fxCpuPerSecond = (THREADS.getCurrentThreadCpuTime() - fxCpuFrom) / 1e6
                            / ((System.nanoTime() - measureFrom) / 1e9);
                    report();
                    Platform.exit();
                }
            }
        }.start();
        window.show();
        windowShownAt = System.nanoTime();
    }

    private static long layoutOf(Node n) {
        if (!(n instanceof javafx.scene.Parent p)) {
            return 0;
        }
        long t0 = System.nanoTime();
        p.layout();
        return System.nanoTime() - t0;
    }

    /** The scene's private CSS pass (JavaFX is on the class path here), or nothing if it cannot be reached. */
    private static Runnable cssPass(Scene scene) {
        try {
            java.lang.reflect.Method m = Scene.class.getDeclaredMethod("doCSSPass");
            m.setAccessible(true);
            return () -> {
                try {
                    m.invoke(scene);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("gui: CSS not timed apart from layout: " + e);
            return () -> { };
        }
    }

    private double fxCpuPerSecond;
    private double fxAllocPerSecond;
    private double samplerAllocPerSecond;

    private static long allocated(long threadId) {
        return threadId < 0 ? 0 : ((com.sun.management.ThreadMXBean) THREADS).getThreadAllocatedBytes(threadId);
    }

    private static long samplerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("corral-sampler"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /**
     * "Charts running": their tab in front, so that every frame is drawn (a chart on a hidden
     * tab waits until it is shown). Looked up once the window is shown: the split pane makes
     * its items children only in its skin.
     */
    private static void showCharts(Scene scene) {
        if (scene.lookup("#detail-tabs") instanceof javafx.scene.control.TabPane tabs) {
            tabs.getTabs().stream().filter(t -> "tab-charts".equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        } else {
            System.err.println("gui: no detail tabs found: the charts may not be drawn");
        }
    }

    private static long expandAll(Node root) {
        long n = 0;
        for (Node node : root.lookupAll(".tree-table-view")) {
            if (node instanceof TreeTableView<?> t && t.getRoot() != null) {
                n += expand(t.getRoot());
            }
        }
        return n;
    }

    private static long expand(TreeItem<?> item) {
        item.setExpanded(true);
        long n = 1;
        for (TreeItem<?> c : item.getChildren()) {
            n += expand(c);
        }
        return n;
    }

    private void report() {
        List<Long> l = new ArrayList<>(layoutNanos);
        Collections.sort(l);
        List<Long> g = new ArrayList<>(gapNanos);
        Collections.sort(g);
        String rss = "?";
        try {
            rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(x -> x.startsWith("VmRSS:"))
                    .findFirst().map(x -> x.substring(6).strip()).orElse("?");
        } catch (java.io.IOException e) {
            // leave "?"
        }
        result = String.format(Locale.ROOT, "gui: rows expanded %d | first populated frame %.0f ms, whole frame %.0f ms after launch"
                        + " | CSS+layout per pulse p50 %.2f ms p99 %.2f ms max %.2f ms (%d pulses)"
                        + " | pulse gap p50 %.1f ms p99 %.1f ms max %.1f ms | RSS %s",
                rows, (firstFrameAt - launchedAt) / 1e6, (wholeFrameAt - launchedAt) / 1e6, pct(l, 50), pct(l, 99), pct(l, 100), l.size(),
                pct(g, 50), pct(g, 99), pct(g, 100), rss);
        System.out.println(result);
        List<Long> w = new ArrayList<>(pulseWorkNanos);
        Collections.sort(w);
        List<Long> h = new ArrayList<>(handOverNanos);
        Collections.sort(h);
        long missed = g.stream().filter(x -> x > 33_400_000L).count();
        System.out.println(String.format(Locale.ROOT, "gui pulse: FX work per pulse (pulse + frame hand-over before it) p50 %.2f ms p99 %.2f ms max %.2f ms (%d pulses)"
                        + " | frame hand-over p50 %.2f ms p99 %.2f ms max %.2f ms (%d frames) | gaps over 2 frames: %d"
                        + " | allocated: FX thread %.1f MB/s, sampler thread %.1f MB/s | %s",
                pct(w, 50), pct(w, 99), pct(w, 100), w.size(), pct(h, 50), pct(h, 99), pct(h, 100), h.size(), missed,
                fxAllocPerSecond / 1e6, samplerAllocPerSecond / 1e6, gc.summary()));
        System.out.println(PulseSplit.report(splits, 16_000_000L));
        List<Long> wc = new ArrayList<>(pulseWorkCpuNanos);
        Collections.sort(wc);
        System.out.println(String.format(Locale.ROOT, "gui pulse cpu: FX work per pulse in FX-thread CPU time p50 %.2f ms p99 %.2f ms max %.2f ms"
                        + " | pulses over 16 ms: %d wall, %d CPU",
                pct(wc, 50), pct(wc, 99), pct(wc, 100), w.stream().filter(x -> x > 16_000_000L).count(),
                wc.stream().filter(x -> x > 16_000_000L).count()));
        List<Long> c = new ArrayList<>(layoutCpuNanos);
        Collections.sort(c);
        System.out.println(String.format(Locale.ROOT, "gui cpu: CSS+layout CPU per pulse p50 %.2f ms p99 %.2f ms max %.2f ms"
                        + " | FX thread CPU %.0f ms per second | GC %d collections, %d ms in %.0f s | heap used %d MB",
                pct(c, 50), pct(c, 99), pct(c, 100), fxCpuPerSecond, gcCount() - gcCountFrom, gcMillis() - gcMillisFrom,
                (System.nanoTime() - measureFrom) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20));
        System.out.println(String.format(Locale.ROOT, "gui start-up: JVM start to launch %d ms; after launch: FX start() %.0f ms,"
                        + " MainWindow built %.0f ms, panels %.0f ms, window shown %.0f ms, first (partial) snapshot %.0f ms, first frame (group names) %.0f ms,"
                        + " whole snapshot read %.0f ms, whole frame applied %.0f ms",
                jvmToLaunchMillis, (startAt - launchedAt) / 1e6, (windowBuiltAt - launchedAt) / 1e6,
                (panelsAt - launchedAt) / 1e6, (windowShownAt - launchedAt) / 1e6,
                (firstSnapshotAt - launchedAt) / 1e6, (firstFrameAt - launchedAt) / 1e6,
                (wholeSnapshotAt - launchedAt) / 1e6, (wholeFrameAt - launchedAt) / 1e6));
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    @Override
    public void stop() {
        if (panels != null) {
            panels.close();
        }
        if (session != null) {
            session.close();
        }
    }
}
