package io.corral.model.namespace;

/** Which of a user namespace's two maps. */
public enum IdMapKind {
    UID("uid_map", "CAP_SETUID"),
    GID("gid_map", "CAP_SETGID");

    private final String file;
    private final String capability;

    IdMapKind(String file, String capability) {
        this.file = file;
        this.capability = capability;
    }

    /** The file under {@code /proc/<pid>/}. */
    public String file() {
        return file;
    }

    /** The capability the writer needs in the parent user namespace to map more than itself. */
    public String capability() {
        return capability;
    }
}
