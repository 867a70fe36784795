package io.corral.model.limit;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.LimitValue.Bytes;
import io.corral.model.limit.LimitValue.Unlimited;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a group's limits as typed values, each with the file it came from. Files that do
 * not exist (controller not enabled for this v2 group, swap accounting off, the group just
 * removed) give no limit; denied or malformed files are reported as {@link ReadProblem}s.
 */
public final class LimitReader {
    private final CgroupFs fs;

    public LimitReader(CgroupFs fs) {
        this.fs = fs;
    }

    /**
     * @param groupDir the group's directory under the fs root
     * @param problems receives what could not be read
     */
    public GroupLimits read(Path groupDir, Hierarchy h, List<ReadProblem> problems) {
        List<Limit> out = new ArrayList<>();
        for (Knob knob : Knob.values()) {
            if (!knob.appliesTo(h)) {
                continue;
            }
            try {
                readKnob(groupDir, knob, h.version(), out);
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
            } catch (MalformedFileException e) {
                problems.add(ReadProblem.of(groupDir.resolve(e.file()), e));
            }
        }
        return GroupLimits.of(out);
    }

    private void readKnob(Path dir, Knob knob, CgroupVersion v, List<Limit> out)
            throws KernelException, MalformedFileException {
        Optional<String> fileName = knob.file(v);
        if (fileName.isEmpty()) {
            return;
        }
        String file = fileName.get();
        Optional<String> text = fs.readIfPresent(dir.resolve(file));
        if (text.isEmpty()) {
            return;
        }
        String t = text.get();
        LimitValue value = v == CgroupVersion.V2 ? v2Value(knob, file, t) : v1Value(dir, knob, file, t);
        if (value == null) {
            return;
        }
        if (value instanceof LimitValue.PerDevice p && p.limits().isEmpty()) {
            return;
        }
        out.add(new Limit(knob, value, file, t.strip()));
    }

    private static LimitValue v2Value(Knob knob, String file, String t) throws MalformedFileException {
        return switch (knob.kind()) {
            case CPU_QUOTA -> KernelLimitText.cpuMax(file, t);
            case WEIGHT -> KernelLimitText.weight(file, t);
            case BYTES -> KernelLimitText.maxOrBytes(file, t);
            case COUNT -> KernelLimitText.maxOrCount(file, t);
            case DEVICE_BYTES, DEVICE_COUNT -> KernelLimitText.ioMax(file, t, knob.cliName().substring(3));
            case ID_LIST -> KernelLimitText.idList(file, t);
        };
    }

    private LimitValue v1Value(Path dir, Knob knob, String file, String t)
            throws KernelException, MalformedFileException {
        switch (knob) {
            case CPU_QUOTA: {
                Optional<String> period = fs.readIfPresent(dir.resolve("cpu.cfs_period_us"));
                return period.isEmpty() ? null
                        : KernelLimitText.cfsQuota(file, t, "cpu.cfs_period_us", period.get());
            }
            case CPU_WEIGHT:
                return KernelLimitText.shares(file, t);
            case MEMORY_MAX:
            case MEMORY_LOW:
                return KernelLimitText.v1Bytes(file, t);
            case MEMORY_SWAP: {
                // memsw counts memory+swap: the swap allowance is the difference.
                LimitValue memsw = KernelLimitText.v1Bytes(file, t);
                if (memsw instanceof Unlimited) {
                    return memsw;
                }
                Optional<String> limitText = fs.readIfPresent(dir.resolve("memory.limit_in_bytes"));
                if (limitText.isEmpty()) {
                    return null;
                }
                LimitValue limit = KernelLimitText.v1Bytes("memory.limit_in_bytes", limitText.get());
                long memswBytes = ((Bytes) memsw).bytes();
                if (!(limit instanceof Bytes l) || l.bytes() > memswBytes) {
                    throw new MalformedFileException(file, t, "memory+swap limit is below memory.limit_in_bytes "
                            + limitText.get().strip());
                }
                return new Bytes(memswBytes - l.bytes());
            }
            case PIDS_MAX:
                return KernelLimitText.maxOrCount(file, t);
            case IO_RBPS:
            case IO_WBPS:
                return KernelLimitText.blkioThrottle(file, t, true);
            case IO_RIOPS:
            case IO_WIOPS:
                return KernelLimitText.blkioThrottle(file, t, false);
            case CPUSET_CPUS:
            case CPUSET_MEMS:
                return KernelLimitText.idList(file, t);
            default:
                return null;
        }
    }
}
