package io.corral.model.proc;

import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The getdents64 listing of /proc and /proc/PID/task, on fixture directories (live: PidListLiveTest). */
class PidListTest {
    @TempDir
    Path root;

    private Path proc() throws Exception {
        return Files.createDirectories(root.resolve("proc"));
    }

    private static Set<Integer> processes(PidList l) throws KernelException {
        Set<Integer> out = new TreeSet<>();
        int n = l.listProcesses();
        for (int i = 0; i < n; i++) {
            out.add(l.pid(i));
        }
        return out;
    }

    @Test
    void onlyAllDigitNamesArePidsAndTheirThreadsComeFromTask() throws Exception {
        Path proc = proc();
        for (String name : new String[] {"1", "42", "4194304", "self", "sys", "12a", "0", "007x", "1234567890"}) {
            Files.createDirectories(proc.resolve(name));
        }
        Files.createDirectories(proc.resolve("42/task/42"));
        Files.createDirectories(proc.resolve("42/task/43"));
        Files.createDirectories(proc.resolve("42/task/notes"));
        PidList l = new PidList(proc);
        // "0" is no process; ten digits are no pid (pid_max is at most 2^22).
        assertEquals(Set.of(1, 42, 4194304), processes(l));
        int n = l.listThreads(42);
        Set<Integer> tids = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            tids.add(l.tid(i));
        }
        assertEquals(Set.of(42, 43), tids);
        assertEquals(-1, l.listThreads(1), "no task directory: gone");
        assertEquals(-1, l.listThreads(99), "no such process: gone");
        assertThrows(IndexOutOfBoundsException.class, () -> l.tid(0));
    }

    @Test
    void aListingLargerThanTheBufferAndTheArraysIsReadWhole() throws Exception {
        Path proc = proc();
        Set<Integer> want = new TreeSet<>();
        for (int pid = 100; pid < 3100; pid++) { // 3000 entries: several getdents64 calls, arrays grown twice
            Files.createDirectory(proc.resolve(Integer.toString(pid)));
            want.add(pid);
        }
        PidList l = new PidList(proc);
        assertEquals(want, processes(l));
        Files.delete(proc.resolve("2000"));
        want.remove(2000);
        assertEquals(want, processes(l), "listed again: the entry removed meanwhile is gone");
    }

    @Test
    void aMissingProcIsAnErrorNotAnEmptyHost() {
        PidList l = new PidList(root.resolve("nothing"));
        KernelException e = assertThrows(KernelException.class, l::listProcesses);
        assertEquals(Errno.ENOENT, e.errno());
    }
}
