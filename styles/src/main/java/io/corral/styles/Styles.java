package io.corral.styles;

/**
 * Style-class constants the views put on nodes; base.css gives them colours from the
 * tokens. Java code never names a colour, only these classes.
 */
public final class Styles {
    /** Usage at or above its limit (memory.current >= memory.max, pids at pids.max). */
    public static final String LIMIT_EXCEEDED = "limit-exceeded";
    /** Usage above 80 % of its limit. */
    public static final String LIMIT_NEAR = "limit-near";
    /** High pressure stall (PSI some avg10). */
    public static final String PRESSURE_HIGH = "pressure-high";
    /** A frozen group (cgroup.freeze = 1, or v1 freezer.state FROZEN/FREEZING). */
    public static final String FROZEN = "frozen";
    /** Secondary text. */
    public static final String MUTED = "muted";
    /** Accent-coloured icon. */
    public static final String ACCENT = "accent";
    /** Right-aligned numeric cell. */
    public static final String NUMERIC = "numeric";
    /** A top-level hierarchy row in the group tree. */
    public static final String HIERARCHY_ROW = "hierarchy-row";
    /** Drop target that accepts the dragged tasks. */
    public static final String DROP_ALLOWED = "drop-allowed";
    /** Drop target that refuses the dragged tasks. */
    public static final String DROP_REFUSED = "drop-refused";
    /** The label that explains a drop verdict while dragging. */
    public static final String DROP_HINT = "drop-hint";
    public static final String STATUS_BAR = "status-bar";
    public static final String PRIVILEGES_ROOT = "privileges-root";
    public static final String PRIVILEGES_READ_ONLY = "privileges-read-only";
    public static final String NOTIFICATION_AREA = "notification-area";
    /** Outcome classes of a command, on the notification area. */
    public static final String APPLIED = "applied";
    public static final String PARTIAL = "partial";
    public static final String REJECTED = "rejected";
    public static final String APPLIED_TEXT = "applied-text";
    public static final String REFUSED_TEXT = "refused-text";
    public static final String WARNING_TEXT = "warning-text";
    public static final String TITLE = "title";
    public static final String PANEL_TITLE = "panel-title";
    public static final String PANEL_SUBTITLE = "panel-subtitle";
    public static final String FILTER_BOX = "filter-box";

    private Styles() {
    }
}
