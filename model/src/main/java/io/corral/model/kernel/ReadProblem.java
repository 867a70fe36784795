package io.corral.model.kernel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something that could not be read while building the model (denied, malformed). A group
 * that vanished mid-walk is not a problem: it is simply absent from the next snapshot.
 *
 * @param path   the file or directory, host-absolute as the kernel names it when known
 * @param reason one line for people
 */
public record ReadProblem(String path, String reason) {
    public ReadProblem {
        Objects.requireNonNull(path);
        Objects.requireNonNull(reason);
    }

    public static ReadProblem of(KernelException e) {
        return new ReadProblem(e.path().toString(), e.getMessage());
    }

    public static ReadProblem of(Path file, MalformedFileException e) {
        return new ReadProblem(file.toString(), e.getMessage());
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
