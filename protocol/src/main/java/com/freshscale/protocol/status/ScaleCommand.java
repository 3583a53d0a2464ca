package com.freshscale.protocol.status;

import java.time.Instant;
import java.util.Objects;

/** Topic {@code .../scales/{scale}/commands}: an instruction from the server to one scale. */
public record ScaleCommand(int schema, String id, Command command, Instant issuedAt)
        implements com.freshscale.protocol.codec.Versioned {
    public static final int SCHEMA = 1;

    public enum Command {
        /** Publish the status now. */
        REQUEST_STATUS,
        /** Reload the recognition model and gallery from disk. */
        RELOAD_MODEL,
        /** Resend every unacknowledged sale now, without waiting for the ack timeout. */
        RESEND_OUTBOX,
        /**
         * End the service menu's PIN lockout: wrong PINs typed at the kiosk (a shopper can type them too) lock the menu for up
         * to 4 hours; HQ lets the technician on site in without waiting. The count of wrong PINs starts again, the
         * escalation does not (a guesser still at the screen meets the long lock again after five).
         */
        UNLOCK_SERVICE_MENU
    }

    public ScaleCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
