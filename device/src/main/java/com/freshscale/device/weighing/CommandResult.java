package com.freshscale.device.weighing;

/** The answer to a key press (zero, tare, ...): done, or refused with a reason the shopper/operator can read. */
public record CommandResult(boolean accepted, String reason) {
    private static final CommandResult DONE = new CommandResult(true, "");

    public static CommandResult done() {
        return DONE;
    }

    public static CommandResult refused(String reason) {
        return new CommandResult(false, reason);
    }
}
