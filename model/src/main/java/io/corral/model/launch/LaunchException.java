package io.corral.model.launch;

/** A launch that did not happen; the message says why in people's words. Nothing was left running. */
public final class LaunchException extends Exception {
    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
