package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.input.InvalidInputException;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Sampler;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.sample.TopTable;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code corral top}: groups ordered by their resource usage, like systemd-cgtop and with
 * its columns, read by the console's own sampler (tracking reader). {@code --batch} prints
 * frames as plain text, separated by an empty line, like {@code systemd-cgtop -b}.
 */
@CommandLine.Command(name = "top", description = "Show groups ordered by CPU, memory, io or tasks (like systemd-cgtop).")
final class TopCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    CorralCli root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "GROUP",
            description = "only this subtree (/path, or CONTROLLERS:/path)")
    String group;

    @CommandLine.Option(names = {"-b", "--batch"}, description = "plain text frames, no screen control")
    boolean batch;

    @CommandLine.Option(names = {"-n", "--iterations"}, defaultValue = "0",
            description = "stop after N frames (default 0: until interrupted)")
    int iterations;

    @CommandLine.Option(names = {"-d", "--delay"}, defaultValue = "1", description = "seconds between frames (default ${DEFAULT-VALUE})")
    double delay;

    @CommandLine.Option(names = "--order", defaultValue = "cpu", description = "cpu, memory, io, tasks or path (default ${DEFAULT-VALUE})")
    String order;

    @CommandLine.Option(names = "--depth", defaultValue = "3", description = "deepest level shown (default ${DEFAULT-VALUE}, as systemd-cgtop)")
    int depth;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TopTable.Order o;
        try {
            o = TopTable.Order.valueOf(order.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("corral: --order must be cpu, memory, io, tasks or path, not \"" + order + "\"");
            return 2;
        }
        if (!(delay > 0) || delay > 86_400) {
            err.println("corral: --delay must be a number of seconds above 0");
            return 2;
        }
        if (iterations < 0) {
            err.println("corral: --iterations must be 0 or more");
            return 2;
        }
        Optional<GroupSpec> scope;
        try {
            scope = group == null ? Optional.empty() : Optional.of(GroupSpec.parse(group));
        } catch (InvalidInputException e) {
            err.println("corral: " + e.getMessage());
            return 2;
        }
        CliHost host = root.host();
        BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
        try (SnapshotReader reader = SnapshotReader.tracking(host.fs(), new ProcFs(host.fs().hostRoot()));
             Sampler sampler = new Sampler(() -> reader.read(scope, false), Duration.ofMillis((long) (delay * 1000)))) {
            sampler.addListener(frames::add);
            sampler.start();
            HostSnapshot before = null;
            int shown = 0;
            int height = screenHeight();
            while (iterations == 0 || shown < iterations) {
                Object next = frames.poll(Math.max(10, (long) (delay * 1000) * 5 + 10_000), TimeUnit.MILLISECONDS);
                if (next == null) {
                    err.println("corral: no reading: " + sampler.lastFailure().map(Exception::getMessage).orElse("timed out"));
                    return 1;
                }
                HostSnapshot now = (HostSnapshot) next;
                List<TopTable.Row> rows = TopTable.rows(before, now, o, depthLimit(scope));
                if (batch) {
                    if (shown > 0) {
                        out.println();
                    }
                    rows.forEach(r -> out.println(TopTable.format(r, 50)));
                } else {
                    out.print("\033[H\033[2J");
                    out.println(String.format(Locale.ROOT, "%-50s %6s %6s %8s %8s %8s", "Control Group", "Tasks", "%CPU",
                            "Memory", "Input/s", "Output/s"));
                    rows.stream().limit(Math.max(1, height - 2)).forEach(r -> out.println(TopTable.format(r, 50)));
                }
                out.flush();
                now.problems().stream().limit(3).forEach(p -> err.println("corral: could not read " + p));
                before = now;
                shown++;
            }
        }
        return 0;
    }

    private int depthLimit(Optional<GroupSpec> scope) {
        return depth + scope.map(s -> s.path().depth()).orElse(0);
    }

    private static int screenHeight() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("LINES", "40"));
        } catch (NumberFormatException e) {
            return 40;
        }
    }
}
