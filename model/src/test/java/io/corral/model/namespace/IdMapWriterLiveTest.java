package io.corral.model.namespace;

import io.corral.model.proc.ProcFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** uid_map/gid_map writes accepted and refused as the kernel does, on a user namespace made by the test. */
@ExtendWith(LiveCgroups.class)
class IdMapWriterLiveTest {
    private final ProcFs proc = ProcFs.live();
    private long pid;

    @BeforeEach
    void unmappedUserNamespace(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        pid = NamespaceReaderLiveTest.sleeper(live.start("unshare", "--user", "sleep", "60"));
        // unshare(2) happens before exec: wait until the sleep is in its own user namespace.
        for (int i = 0; i < 200 && proc.namespaceLink(pid, "user").equals(proc.namespaceLink(1, "user")); i++) {
            Thread.sleep(5);
        }
        assertEquals("", proc.read(pid, "uid_map").orElseThrow(), "a new user namespace starts unmapped");
    }

    @Test
    void aValidMapIsWrittenOnceAndReadBack() throws Exception {
        IdMapWriter writer = new IdMapWriter(proc, true);
        writer.write(pid, IdMapKind.UID, IdMap.parse("0 100000 65536\n"));
        IdMap back = IdMap.parse(proc.read(pid, "uid_map").orElseThrow());
        assertEquals(IdMap.parse("0 100000 65536"), back);

        IdMapRefusedException again = assertThrows(IdMapRefusedException.class,
                () -> writer.write(pid, IdMapKind.UID, IdMap.parse("0 200000 1")));
        assertTrue(again.getMessage().contains("only once"), again.getMessage());
        KernelException kernel = assertThrows(KernelException.class, () -> proc.writeUserNamespaceFile(pid, "uid_map", "0 200000 1\n"));
        assertEquals(Errno.EPERM, kernel.errno(), "the kernel's own answer to a second write");
        assertTrue(IdMapWriter.explain(IdMapKind.UID, pid, kernel).contains("write-once"));
    }

    @Test
    void theKernelRefusesOverlapsAndMoreThan340LinesWithEinval() throws Exception {
        KernelException overlap = assertThrows(KernelException.class,
                () -> proc.writeUserNamespaceFile(pid, "uid_map", "0 1000 10\n5 2000 10\n"));
        assertEquals(Errno.EINVAL, overlap.errno());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < IdMap.MAX_LINES + 1; i++) {
            lines.append(i).append(' ').append(i).append(" 1\n");
        }
        KernelException tooLong = assertThrows(KernelException.class, () -> proc.writeUserNamespaceFile(pid, "uid_map", lines.toString()));
        assertEquals(Errno.EINVAL, tooLong.errno());
        assertTrue(IdMapWriter.explain(IdMapKind.UID, pid, tooLong).contains("not acceptable"));
        // Both refused writes left the map unwritten: a valid one is still accepted.
        StringBuilder max = new StringBuilder();
        for (int i = 0; i < IdMap.MAX_LINES; i++) {
            max.append(i).append(' ').append(i).append(" 1\n");
        }
        new IdMapWriter(proc, true).write(pid, IdMapKind.UID, IdMap.parse(max.toString()));
        assertEquals(IdMap.MAX_LINES, proc.read(pid, "uid_map").orElseThrow().lines().count());
    }

    @Test
    void anUnprivilegedWriterDeniesSetgroupsBeforeTheGidMapAndItStaysDenied() throws Exception {
        assertEquals("allow", proc.read(pid, "setgroups").orElseThrow().trim());
        new IdMapWriter(proc, false).write(pid, IdMapKind.GID, IdMap.parse("0 0 1"));
        assertEquals("deny", proc.read(pid, "setgroups").orElseThrow().trim());
        KernelException late = assertThrows(KernelException.class, () -> proc.writeUserNamespaceFile(pid, "setgroups", "allow"));
        assertEquals(Errno.EPERM, late.errno(), "setgroups is fixed once gid_map is written");
    }

    @Test
    void aPrivilegedWriterLeavesSetgroupsAllowed() throws Exception {
        new IdMapWriter(proc, true).write(pid, IdMapKind.GID, IdMap.parse("0 0 1"));
        assertEquals("allow", proc.read(pid, "setgroups").orElseThrow().trim());
    }
}
