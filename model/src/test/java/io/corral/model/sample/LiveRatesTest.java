package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.LiveScene;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rates from the sampler on the live kernel: a busy loop shows CPU, a sleeper does not. */
@ExtendWith(LiveCgroups.class)
class LiveRatesTest {

    @Test
    void aBusyGroupUsesCpuAndASleepingOneDoesNot(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        Assumptions.assumeTrue(LiveScene.mounted("unified"), "no cgroup2 hierarchy at /sys/fs/cgroup/unified");
        String top = LiveCgroups.newName();
        Path busy = lc.mkdir(LiveScene.mount("unified"), top + "/busy");
        Path idle = lc.mkdir(LiveScene.mount("unified"), top + "/idle");
        lc.moveInto(busy, lc.start("sh", "-c", "while :; do :; done").pid());
        lc.moveInto(idle, lc.start("sleep", "600").pid());

        SnapshotReader reader = new SnapshotReader(CgroupFs.live(), ProcFs.live());
        List<HostSnapshot> got = new ArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        try (Sampler sampler = new Sampler(() -> reader.read(Optional.of(GroupSpec.parse("unified:/" + top)), false),
                Duration.ofMillis(500))) {
            sampler.addListener(s -> {
                synchronized (got) {
                    got.add(s);
                }
                three.countDown();
            });
            sampler.start();
            assertTrue(three.await(30, TimeUnit.SECONDS));
        }
        // Not from the first reading: cold (the JIT, the page cache) it can take a good part of
        // the interval, and rates whose time is that uncertain are absent (Rates.secondsOf).
        Rates r = Rates.between(got.get(1), got.get(2));
        double busyCpu = r.group(new GroupKey("unified", GroupPath.ofKernel("/" + top + "/busy"))).orElseThrow()
                .cpuPercentOfCore().orElseThrow();
        double idleCpu = r.group(new GroupKey("unified", GroupPath.ofKernel("/" + top + "/idle"))).orElseThrow()
                .cpuPercentOfCore().orElseThrow();
        System.out.printf("LiveRatesTest: busy %.1f%% idle %.1f%% of a core over %.2f s%n", busyCpu, idleCpu, r.seconds());
        // Shared machine: the loop gets at least some CPU, never more than one core (plus clock slack).
        assertTrue(busyCpu > 5 && busyCpu < 115, "busy " + busyCpu);
        assertTrue(idleCpu < 5, "idle " + idleCpu);
    }
}
