package io.corral.model.namespace;

import io.corral.model.proc.ProcFs;

/**
 * Writes one map as an unprivileged {@link IdMapWriter} would; run by
 * {@link IdMapWriterUnprivilegedLiveTest} under {@code setpriv} as another user.
 * Args: PID uid|gid "INSIDE OUTSIDE COUNT". Prints "written" or the refusal; exit 0 or 3.
 */
public final class UnprivilegedMapWrite {
    private UnprivilegedMapWrite() {
    }

    public static void main(String[] args) throws Exception {
        IdMapWriter writer = new IdMapWriter(ProcFs.live(), false);
        try {
            writer.write(Long.parseLong(args[0]), args[1].equals("uid") ? IdMapKind.UID : IdMapKind.GID,
                    IdMap.parse(args[2]));
            System.out.println("written");
        } catch (IdMapRefusedException e) {
            System.out.println(e.errno().map(Enum::name).orElse("CORRAL") + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
