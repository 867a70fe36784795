package io.corral.model.command;

import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelErrors;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Why something did not happen: the kernel's errno (the one it answered, or the one it
 * would answer when a rule stopped us before writing), the file, the value and a
 * message for people.
 *
 * @param errno   the errno name
 * @param path    the file or directory concerned
 * @param value   the value written (or that would have been), if any
 * @param message specific and actionable, from {@link KernelErrors}
 * @param written true if the kernel actually saw the write; false for a rule checked before writing
 */
public record Failure(Errno errno, Path path, Optional<String> value, String message, boolean written) {
    public Failure {
        Objects.requireNonNull(errno);
        Objects.requireNonNull(path);
        Objects.requireNonNull(value);
        Objects.requireNonNull(message);
    }

    /** A kernel refusal, explained. */
    public static Failure of(KernelException e) {
        return new Failure(e.errno(), e.path(), e.value(), KernelErrors.explain(e), true);
    }

    /** A rule of the kernel checked before writing: nothing was written. */
    public static Failure rule(Errno errno, Path path, String value, String message) {
        return new Failure(errno, path, Optional.ofNullable(value), message, false);
    }

    @Override
    public String toString() {
        return message;
    }
}
