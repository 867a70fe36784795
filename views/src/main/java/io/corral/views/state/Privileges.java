package io.corral.views.state;

/**
 * What the console may do on this host, said plainly in the status bar.
 *
 * @param root     the JVM runs with uid 0
 * @param canWrite writes to cgroupfs are permitted (root, or a delegated subtree)
 * @param reason   why writes are not permitted (empty when they are)
 */
public record Privileges(boolean root, boolean canWrite, String reason) {
    public static Privileges asRoot() {
        return new Privileges(true, true, "");
    }

    public static Privileges readOnly(String reason) {
        return new Privileges(false, false, reason);
    }

    /** The status-bar text. */
    public String describe() {
        if (root) {
            return "running as root: changes apply to the live kernel";
        }
        return canWrite ? "not root: writes limited to delegated groups" : "read-only: " + reason;
    }
}
