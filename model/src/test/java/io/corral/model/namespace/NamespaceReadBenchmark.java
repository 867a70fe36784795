package io.corral.model.namespace;

import java.util.Arrays;

/**
 * Cost of one full {@link NamespaceReader#read()} on this host, against {@code lsns -J}
 * (util-linux, a C program reading the same files and ioctls) measured in the same run.
 * Run: {@code java -cp model/target/classes:model/target/test-classes:JNA io.corral.model.namespace.NamespaceReadBenchmark}.
 */
public final class NamespaceReadBenchmark {
    private NamespaceReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        NamespaceReader reader = NamespaceReader.live();
        for (int i = 0; i < n; i++) {
            reader.read(); // warm-up: JIT, JNA binding
        }
        long[] ours = new long[n];
        NamespaceSnapshot last = null;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            last = reader.read();
            ours[i] = System.nanoTime() - t;
        }
        // CPU time of this thread (user + kernel, procfs reads included): unlike wall time it
        // does not grow with the load other programs put on the machine.
        double cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
        int m = Math.max(5, n / 10);
        long[] lsns = new long[m];
        for (int i = 0; i < m; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder("lsns", "-J", "-o", "NS,TYPE,NPROCS,PNS,ONS")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            lsns[i] = System.nanoTime() - t;
        }
        System.out.printf("processes %d, namespaces %d%n", last.processes().size(), last.namespaces().size());
        System.out.printf("NamespaceReader.read: median %.2f ms, p90 %.2f ms wall, %.2f ms CPU (%d runs)%n",
                median(ours) / 1e6, pct(ours, 0.9) / 1e6, cpuMs, n);
        System.out.printf("lsns -J (fork+exec+read): median %.2f ms (%d runs); ratio ours/lsns %.2f%n",
                median(lsns) / 1e6, m, (double) median(ours) / median(lsns));
    }

    private static long median(long[] a) {
        return pct(a, 0.5);
    }

    private static long pct(long[] a, double q) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
    }
}
