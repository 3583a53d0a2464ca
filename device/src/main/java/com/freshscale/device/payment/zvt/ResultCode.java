package com.freshscale.device.payment.zvt;

/**
 * BMP 27 result codes and the error byte of 06 1E (spec chapter 10, "Error messages"). 00 is success; 01-63 are
 * the authorisation host's own codes (e.g. 05 "do not honour": declined); 64 upward are the PT's.
 */
public final class ResultCode {
    public static final int SUCCESS = 0x00;
    public static final int DECLINED = 0x05;
    public static final int CARD_NOT_READABLE = 0x64;
    public static final int PROCESSING_ERROR = 0x66;
    public static final int ABORTED = 0x6C;
    public static final int WRONG_CURRENCY = 0x6F;
    public static final int CARD_EXPIRED = 0x78;
    public static final int COMMUNICATION_ERROR = 0x7D;
    public static final int PROTOCOL_ERROR = 0x9A;
    public static final int RECEIVER_NOT_READY = 0xA0;
    public static final int ALREADY_REVERSED = 0xB4;
    public static final int REVERSAL_NOT_POSSIBLE = 0xB5;
    public static final int NO_TRANSACTION = 0xC3;
    public static final int SYSTEM_ERROR = 0xFF;

    private ResultCode() {
    }

    public static String describe(int code) {
        return switch (code) {
            case SUCCESS -> "no error";
            case CARD_NOT_READABLE -> "card not readable (LRC-/parity-error)";
            case 0x65 -> "card data not present";
            case PROCESSING_ERROR -> "processing error (also for problems with card reader mechanism)";
            case 0x67 -> "function not permitted for ec- and Maestro-cards";
            case 0x68 -> "function not permitted for credit- and tank-cards";
            case 0x6A -> "turnover-file full";
            case 0x6B -> "function deactivated (PT not registered)";
            case ABORTED -> "abort via timeout or abort-key";
            case 0x6E -> "card in blocked-list (response to command 06 E4)";
            case WRONG_CURRENCY -> "wrong currency";
            case 0x71 -> "credit not sufficient (chip-card)";
            case 0x72 -> "chip error";
            case 0x73 -> "card-data incorrect (e.g. country-key check, checksum-error)";
            case CARD_EXPIRED -> "card expired";
            case 0x7C -> "function not possible";
            case COMMUNICATION_ERROR -> "communication error (communication module does not answer or is not present)";
            case 0x83 -> "function not possible";
            case 0x85 -> "missing Kassenschnitt";
            case PROTOCOL_ERROR -> "ZVT protocol error, e.g. parsing error, mandatory message element missing";
            case 0x9C -> "repeat process";
            case RECEIVER_NOT_READY -> "receiver not ready";
            case ALREADY_REVERSED -> "already reversed";
            case REVERSAL_NOT_POSSIBLE -> "reversal not possible";
            case NO_TRANSACTION -> "no transaction to report";
            case SYSTEM_ERROR -> "system error (= other/unknown error)";
            default -> code >= 0x01 && code <= 0x63 ? String.format("declined by the authorisation host (code %02X)", code)
                    : String.format("error %02X", code);
        };
    }
}
