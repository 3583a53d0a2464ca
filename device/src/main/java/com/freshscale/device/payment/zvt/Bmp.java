package com.freshscale.device.payment.zvt;

import java.util.HashMap;
import java.util.Map;

/**
 * The BMPs (bitmap fields) a ZVT data block is made of, with the length rule of each (spec chapter 12, "Summary of
 * utilised BMPs"): a fixed number of bytes, LLVAR/LLLVAR (a variable length written before the value as 2 or 3 bytes
 * {@code Fx}, each carrying one decimal digit: {@code F1 F4} = 14 bytes), or the BER-TLV container of BMP 06.
 */
public final class Bmp {
    public static final int TIMEOUT = 0x01;
    public static final int MAX_STATUS_INFOS = 0x02;
    public static final int SERVICE_BYTE = 0x03;
    public static final int AMOUNT = 0x04;
    public static final int TLV_CONTAINER = 0x06;
    public static final int TRACE_NUMBER = 0x0B;
    public static final int TIME = 0x0C;
    public static final int DATE = 0x0D;
    public static final int EXPIRY_DATE = 0x0E;
    public static final int CARD_SEQUENCE_NUMBER = 0x17;
    public static final int PAYMENT_TYPE = 0x19;
    public static final int PAN = 0x22;
    public static final int RESULT_CODE = 0x27;
    public static final int TERMINAL_ID = 0x29;
    public static final int VU_NUMBER = 0x2A;
    public static final int ORIGINAL_TRACE = 0x37;
    public static final int AID = 0x3B;
    public static final int ADDITIONAL_TEXT = 0x3C;
    public static final int PASSWORD = 0x3D;
    public static final int CURRENCY = 0x49;
    public static final int TOTALS = 0x60;
    public static final int RECEIPT_NUMBER = 0x87;
    public static final int TURNOVER_NUMBER = 0x88;
    public static final int CARD_TYPE = 0x8A;
    public static final int CARD_NAME = 0x8B;
    public static final int RESULT_CODE_AS = 0xA0;

    /** How the value's length is known. */
    enum Kind { FIXED, LLVAR, LLLVAR, TLV }

    record Format(Kind kind, int length) {}

    private static final Map<Integer, Format> FORMATS = new HashMap<>();

    private static void fixed(int length, int... tags) {
        for (int t : tags) FORMATS.put(t, new Format(Kind.FIXED, length));
    }

    private static void variable(Kind kind, int... tags) {
        for (int t : tags) FORMATS.put(t, new Format(kind, 0));
    }

    static {
        fixed(1, 0x01, 0x02, 0x03, 0x05, 0x19, 0x27, 0x8A, 0x8C, 0xA0, 0xD0, 0xD2, 0xD3, 0xE0, 0xEA, 0xEB, 0xF0);
        fixed(2, 0x0D, 0x0E, 0x17, 0x3A, 0x49, 0x87);
        fixed(3, 0x0B, 0x0C, 0x37, 0x3D, 0x88);
        fixed(4, 0x29);
        fixed(5, 0xBA);
        fixed(6, 0x04);
        fixed(8, 0x3B, 0xEC);
        fixed(15, 0x2A);
        variable(Kind.LLVAR, 0x22, 0x23, 0x2D, 0x8B, 0xA7, 0xD1, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xF1,
                0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9);
        variable(Kind.LLLVAR, 0x24, 0x2E, 0x3C, 0x60, 0x92, 0x9A, 0xAF);
        variable(Kind.TLV, 0x06);
    }

    private Bmp() {
    }

    static Format format(int tag) {
        Format f = FORMATS.get(tag);
        if (f == null) throw new ZvtFormatException(String.format("unknown BMP %02X: its length cannot be known", tag));
        return f;
    }
}
