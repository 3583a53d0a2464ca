package com.freshscale.device.payment.zvt;

/**
 * The ECR's commands to the PT, byte for byte as the spec lays them out (chapter 2). The password is the PT's
 * 6-digit ECR password (3 bytes BCD, often 000000).
 */
public final class Commands {
    /**
     * Config byte of registration (spec 2.1, "config-byte"): bit 2 — the ECR prints the payment receipts (the PT
     * sends them as print lines/text blocks); bit 3 — the ECR prints administration receipts; bit 4 — the PT sends
     * intermediate status to the ECR; bit 5 — the ECR controls payment (no amount entry at the PT); bit 6 — the ECR
     * controls administration; bit 8 — receipts come as text blocks (06 D3) rather than lines (06 D1).
     */
    public static final int ECR_PRINTS_PAYMENT_RECEIPT = 0x02;
    public static final int ECR_PRINTS_ADMIN_RECEIPT = 0x04;
    public static final int INTERMEDIATE_STATUS = 0x08;
    public static final int ECR_CONTROLS_PAYMENT = 0x10;
    public static final int ECR_CONTROLS_ADMIN = 0x20;
    public static final int TEXT_BLOCKS = 0x80;
    /** What a self-service ECR sends: it prints (lines), shows status, controls payment and administration. */
    public static final int SELF_SERVICE_CONFIG = ECR_PRINTS_PAYMENT_RECEIPT | ECR_PRINTS_ADMIN_RECEIPT | INTERMEDIATE_STATUS
            | ECR_CONTROLS_PAYMENT | ECR_CONTROLS_ADMIN;
    /** ISO 4217 numeric code of the euro, as BMP 49 and registration carry it (BCD {@code 09 78}). */
    public static final int EURO = 978;

    private Commands() {
    }

    /** Registration (06 00): {@code <password> <config-byte> <CC>} — the currency without a BMP tag (spec 2.1). */
    public static Apdu registration(int password, int configByte, int currency) {
        return Apdu.of(Apdu.REGISTRATION, new Fields.Builder().plain(Bcd.encode(password, 3)).plain((byte) configByte)
                .plain(Bcd.encode(currency, 2)).bytes());
    }

    /** Authorisation (06 01) of {@code amountMinor} (BMP 04, 6 bytes BCD, in the currency registered). */
    public static Apdu authorization(long amountMinor) {
        if (amountMinor <= 0) throw new IllegalArgumentException("an authorisation needs a positive amount");
        return Apdu.of(Apdu.AUTHORIZATION, new Fields.Builder().bcd(Bmp.AMOUNT, amountMinor).bytes());
    }

    /** Reversal (06 30) of the payment with {@code receiptNumber} (BMP 87), spec 2.10. */
    public static Apdu reversal(int password, int receiptNumber) {
        return Apdu.of(Apdu.REVERSAL, new Fields.Builder().plain(Bcd.encode(password, 3)).bcd(Bmp.RECEIPT_NUMBER, receiptNumber).bytes());
    }

    /** End-of-day (06 50): the PT closes its batch and reports the totals (spec 2.16). */
    public static Apdu endOfDay(int password) {
        return Apdu.of(Apdu.END_OF_DAY, Bcd.encode(password, 3));
    }

    /** Repeat receipt (06 20): the PT sends the last transaction's status information and receipt again (spec 2.13). */
    public static Apdu repeatReceipt(int password) {
        return Apdu.of(Apdu.REPEAT_RECEIPT, Bcd.encode(password, 3));
    }

    /** Status enquiry (05 01): the PT reports its state (spec 2.18). */
    public static Apdu statusEnquiry(int password) {
        return Apdu.of(Apdu.STATUS_ENQUIRY, Bcd.encode(password, 3));
    }

    /** Abort (06 B0 00): the ECR stops the command the PT is running, e.g. while it waits for a card (spec 2.25). */
    public static Apdu abort() {
        return Apdu.of(Apdu.ABORT);
    }
}
