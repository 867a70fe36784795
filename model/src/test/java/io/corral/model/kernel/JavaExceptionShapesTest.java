package io.corral.model.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java hides errno: a refused write is a bare IOException("Invalid argument") with no path
 * or value, a denied open an AccessDeniedException with only the path. The translation
 * gives back the errno, and the KernelException carries path and value.
 */
class JavaExceptionShapesTest {
    private static final Path FILE = Path.of("/sys/fs/cgroup/pids/corral-test-a/cgroup.procs");

    private static KernelException t(IOException e) {
        return CgroupFs.translate(KernelException.Op.WRITE, FILE, "4242", e);
    }

    @Test
    void aBareIoExceptionMessageBecomesItsErrno() {
        assertEquals(Errno.EINVAL, t(new IOException("Invalid argument")).errno());
        assertEquals(Errno.ESRCH, t(new IOException("No such process")).errno());
        assertEquals(Errno.EBUSY, t(new IOException("Device or resource busy")).errno());
        assertEquals(Errno.ENOSPC, t(new IOException("No space left on device")).errno());
        assertEquals(Errno.E2BIG, t(new IOException("Argument list too long")).errno());
        assertEquals(Errno.EOPNOTSUPP, t(new IOException("Operation not supported")).errno());
        assertEquals(Errno.ERANGE, t(new IOException("Numerical result out of range")).errno());
        assertEquals(Errno.EAGAIN, t(new IOException("Resource temporarily unavailable")).errno());
        assertEquals(Errno.UNKNOWN, t(new IOException("something else")).errno());
    }

    @Test
    void nioExceptionShapesBecomeTheirErrno() {
        assertEquals(Errno.EACCES, t(new AccessDeniedException(FILE.toString())).errno());
        assertEquals(Errno.EPERM, t(new AccessDeniedException(FILE.toString(), null, "Operation not permitted")).errno());
        assertEquals(Errno.ENOENT, t(new NoSuchFileException(FILE.toString())).errno());
        assertEquals(Errno.ENOTEMPTY, t(new DirectoryNotEmptyException(FILE.toString())).errno());
        assertEquals(Errno.EEXIST, t(new FileAlreadyExistsException(FILE.toString())).errno());
        assertEquals(Errno.EBUSY, t(new FileSystemException(FILE.toString(), null, "Device or resource busy")).errno());
    }

    @Test
    void theKernelExceptionCarriesPathAndValue() {
        KernelException k = t(new IOException("Invalid argument"));
        assertEquals(FILE, k.path());
        assertEquals("4242", k.value().orElseThrow());
        assertTrue(k.getMessage().contains("\"4242\" to " + FILE), k.getMessage());
    }
}
