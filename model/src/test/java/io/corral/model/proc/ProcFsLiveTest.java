package io.corral.model.proc;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ProcFs against this machine's /proc (needs Linux, not root). */
class ProcFsLiveTest {

    @Test
    void aStartedProcessReadsAsTheKernelShowsIt() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/stat")), "no /proc");
        Process p = new ProcessBuilder("sleep", "37").start();
        try {
            ProcFs procfs = ProcFs.live();
            ProcessInfo info = procfs.process((int) p.pid()).orElseThrow();
            assertEquals(List.of("sleep", "37"), info.cmdline());
            assertEquals("sleep", info.comm());
            assertEquals(ProcessHandle.current().pid(), info.ppid());
            assertEquals(1, info.threads());
            assertTrue(!info.kernelThread());
            String cgroupFile = Files.readString(Path.of("/proc/" + p.pid() + "/cgroup"));
            assertEquals(ProcCgroups.parse(cgroupFile), info.cgroups());
            assertEquals(List.of((int) p.pid()), procfs.threads((int) p.pid()));
            assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), procfs.hostName());
        } finally {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        assertTrue(ProcFs.live().process((int) p.pid()).isEmpty(), "a reaped pid is absent");
    }

    @Test
    void kthreaddIsAKernelThread() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/2/stat")), "no pid 2 visible (pid namespace?)");
        ProcessInfo k = ProcFs.live().process(2).orElseThrow();
        assertEquals("kthreadd", k.comm());
        assertTrue(k.kernelThread());
        assertTrue(k.cmdline().isEmpty());
    }

    @Test
    void theJvmSeesItsOwnThreads() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo me = ProcFs.live().process(self).orElseThrow();
        assertTrue(me.threads() > 1);
        assertTrue(ProcFs.live().threads(self).contains(self));
    }
}
