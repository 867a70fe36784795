package io.corral.views.limits;

/** What the editor says next to a knob: nothing, pending, sending, or the kernel's answer. */
public record KnobStatus(Kind kind, String text) {
    public enum Kind { PENDING, SENDING, APPLIED, CLAMPED, REJECTED }

    /** The style class of the status label, e.g. {@code status-rejected}. */
    public String styleClass() {
        return "status-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
