package io.corral.model.input;

/**
 * User input that Corral refuses before anything reaches the kernel. The message is
 * meant for people: it names the input and the rule it breaks.
 */
public final class InvalidInputException extends Exception {
    private final String input;

    public InvalidInputException(String input, String message) {
        super(message);
        this.input = input;
    }

    /** The text that was refused, exactly as given. */
    public String input() {
        return input;
    }
}
