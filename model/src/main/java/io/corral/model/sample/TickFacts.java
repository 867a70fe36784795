package io.corral.model.sample;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.kernel.RereadFile;
import io.corral.model.kernel.Syscalls;
import io.corral.model.proc.ProcFs;

import java.util.List;

/**
 * What every snapshot needs besides its groups — the cgroup hierarchies of the mount table,
 * the host name, the kernel release, the number of CPUs — read on every tick but parsed only
 * when the files' bytes changed ({@link RereadFile}), so a steady tick allocates nothing for
 * them. The kernel release is read once: it cannot change while the machine runs.
 *
 * <p>Without the libc binding (not 64-bit Linux) every tick reads and parses everything, as
 * before. One reading thread at a time.
 */
final class TickFacts {
    private final CgroupFs fs;
    private final ProcFs procfs;
    private final HierarchyDiscovery discovery;
    private final RereadFile mountTable;
    private final RereadFile hostNameFile;
    /** {@code /sys/devices/system/cpu/online}: when it changes, the CPUs are counted again. */
    private final RereadFile onlineCpus;
    private List<Hierarchy> hierarchies;
    private String hostName;
    private String kernelRelease;
    private int cpuCount;

    TickFacts(CgroupFs fs, ProcFs procfs) {
        this.fs = fs;
        this.procfs = procfs;
        this.discovery = new HierarchyDiscovery(fs);
        Syscalls sys;
        try {
            sys = new Syscalls();
        } catch (UnsupportedOperationException e) {
            sys = null;
        }
        this.mountTable = sys == null ? null : new RereadFile(discovery.mountTable(), sys);
        this.hostNameFile = sys == null ? null : new RereadFile(fs.onHost("/proc/sys/kernel/hostname"), sys);
        this.onlineCpus = sys == null ? null : new RereadFile(fs.onHost("/sys/devices/system/cpu/online"), sys);
    }

    /** @throws KernelException if the mount table cannot be read */
    List<Hierarchy> hierarchies() throws KernelException {
        if (mountTable == null) {
            return discovery.discover();
        }
        if (mountTable.changed() || hierarchies == null) {
            hierarchies = discovery.discover(mountTable.text());
        }
        return hierarchies;
    }

    String hostName(List<ReadProblem> problems) {
        if (hostNameFile == null) {
            return safe(procfs::hostName, problems, "");
        }
        try {
            if (hostNameFile.changed() || hostName == null) {
                hostName = hostNameFile.text().strip();
            }
        } catch (KernelException e) {
            hostName = null;
            if (e.errno() == Errno.ENOENT) {
                return ""; // absent on a fixture host: as ProcFs.hostName says
            }
            problems.add(ReadProblem.of(e));
            return "";
        }
        return hostName;
    }

    String kernelRelease(List<ReadProblem> problems) {
        if (kernelRelease == null || kernelRelease.isEmpty()) {
            kernelRelease = safe(procfs::kernelRelease, problems, "");
        }
        return kernelRelease;
    }

    /** The CPUs of {@code /proc/stat}, counted again only when the online set changed. */
    int cpuCount(List<ReadProblem> problems) {
        boolean again = cpuCount == 0 || onlineCpus == null;
        if (onlineCpus != null) {
            try {
                // Read on the first tick too, so the second does not count the CPUs again.
                again |= onlineCpus.changed();
            } catch (KernelException e) {
                again = true; // no such file (a fixture host): count every time
            }
        }
        if (again) {
            cpuCount = 0;
            try {
                cpuCount = procfs.cpuCount();
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
                return 1;
            }
        }
        return cpuCount;
    }

    private interface Text {
        String get() throws KernelException;
    }

    private static String safe(Text t, List<ReadProblem> problems, String otherwise) {
        try {
            return t.get();
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return otherwise;
        }
    }
}
