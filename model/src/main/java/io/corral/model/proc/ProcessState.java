package io.corral.model.proc;

/** The one-letter state of {@code /proc/<pid>/stat} (see proc(5)). */
public enum ProcessState {
    RUNNING('R'), SLEEPING('S'), DISK_SLEEP('D'), ZOMBIE('Z'), STOPPED('T'), TRACED('t'),
    DEAD('X'), IDLE('I'), PARKED('P'), WAKING('W'), UNKNOWN('?');

    private final char letter;

    ProcessState(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** Stopped by a signal or by a tracer ('T', 't'): runs again only after SIGCONT or the tracer's word. */
    public boolean stopped() {
        return this == STOPPED || this == TRACED;
    }

    /** A zombie or dead: exited, only the entry is left. */
    public boolean exited() {
        return this == ZOMBIE || this == DEAD;
    }

    public static ProcessState of(char c) {
        for (ProcessState s : values()) {
            if (s.letter == c) {
                return s;
            }
        }
        // Older kernels also used 'x' for dead and 'K' for wakekill.
        return c == 'x' ? DEAD : UNKNOWN;
    }
}
