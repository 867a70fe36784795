package io.corral.model.testing;

import java.util.List;

/**
 * The PID rows of issue 6's bad-input table, shared by the validator table (model) and the
 * CLI tables (app): each input the kernel would read loosely ({@code 0x10} as 16, {@code 0}
 * as the writer itself) with the words its refusal must contain.
 */
public final class BadPids {
    /** One bad PID text and the words the refusal must contain. */
    public record Row(String input, String reason) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("0x10", "not a plain decimal number"),
            new Row("010", "leading zero"),
            new Row("+5", "not a plain decimal number"),
            new Row(" 5", "not a plain decimal number"),
            new Row("0", "PID 0 is refused"),
            new Row("-1", "not a plain decimal number"),
            new Row("1 2", "not a plain decimal number"),
            new Row("", "empty PID"),
            new Row("12345678901", "too long"));

    private BadPids() {
    }
}
