package io.corral.model.privilege;

/**
 * Why the privileged helper refused a request without running anything. Sent back as
 * {@code {"id":..,"error":{"kind":"UNKNOWN_COMMAND","message":".."}}}.
 */
public enum ProtocolError {
    /** The line is not one JSON object. */
    MALFORMED_JSON,
    /** The line is longer than {@link HelperProtocol#MAX_LINE_BYTES}. */
    LINE_TOO_LONG,
    /** A field the request or command type does not have (no extension points on the privileged side). */
    UNKNOWN_FIELD,
    /** A command type that is not one of the command records. */
    UNKNOWN_COMMAND,
    /** A field is missing or has the wrong JSON type. */
    BAD_FIELD,
    /** A value is refused by the model's validators: group names, PIDs, limits, controllers. */
    INVALID_ARGUMENT,
    /** A hierarchy this host does not have, or one described with another mount than this host's. */
    UNKNOWN_HIERARCHY,
    /**
     * Well formed, but not for this requester: a launch or id map the invoking user could
     * not have made with the system's own tools ({@link HelperPolicy}).
     */
    NOT_PERMITTED,
    /** The helper could not run at all (start failed, cancelled authentication, died). */
    HELPER_UNAVAILABLE
}
