package io.corral.model.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each errno, per operation and file, becomes a specific sentence naming the path and value. */
class KernelErrorsTest {
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "WRITE|ESRCH|cgroup.procs|4242|has exited",
            "WRITE|EINVAL|cgroup.procs|2|kernel thread",
            "WRITE|EBUSY|cgroup.procs|4242|no internal processes",
            "WRITE|EOPNOTSUPP|cgroup.threads|4243|threaded subtree",
            "WRITE|ENOSPC|tasks|4242|cpuset.cpus / cpuset.mems",
            "WRITE|EACCES|cgroup.procs|4242|common ancestor",
            "WRITE|EPERM|memory.max|1M|permission denied",
            "WRITE|ENOENT|cgroup.subtree_control|+memory|enable it in the parent's cgroup.subtree_control",
            "WRITE|ENOENT|memory.max|1M|controller is not enabled",
            "WRITE|ENODEV|pids.max|64|was removed",
            "WRITE|EBUSY|memory.limit_in_bytes|1048576|below what",
            "WRITE|EBUSY|cgroup.subtree_control|-memory|no internal processes",
            "WRITE|EINVAL|memory.max|abc|not a value this file accepts",
            "WRITE|EINVAL|cpuset.cpus|0-99|subset of the parent",
            "WRITE|ERANGE|cpu.weight|0|out of range",
            "WRITE|E2BIG|memory.max|1|at most 4096",
            "MKDIR|EAGAIN|-|-|cgroup.max.depth",
            "MKDIR|EEXIST|-|-|already exists",
            "MKDIR|ENOENT|-|-|parent group",
            "RMDIR|EBUSY|-|-|still has processes",
            "RMDIR|ENOTEMPTY|-|-|child groups",
            "RENAME|EPERM|-|x|cgroup2 refuses every rename",
            "READ|ENOENT|memory.max|-|not enabled here",
            "READ|ENODEV|memory.max|-|was removed",
    })
    void explainsWithPathAndValue(KernelException.Op op, Errno errno, String file, String value, String expected) {
        Path path = file == null ? Path.of("/sys/fs/cgroup/cpu/corral-test-a")
                : Path.of("/sys/fs/cgroup/cpu/corral-test-a", file);
        String m = KernelErrors.explain(new KernelException(op, path, errno, value, null));
        assertTrue(m.contains(expected), m);
        assertTrue(m.contains("/sys/fs/cgroup/cpu/corral-test-a"), m);
        if (value != null && errno != Errno.E2BIG) {
            assertTrue(m.contains(value), m);
        }
    }
}
