package com.freshscale.device.payment.zvt;

/**
 * Packed BCD as ZVT writes numbers (spec chapter 2.3): two decimal digits per byte, the most significant first,
 * e.g. the amount 12.34 EUR (1234 cents) in the 6 bytes of BMP 04 is {@code 00 00 00 00 12 34}.
 */
public final class Bcd {
    private Bcd() {
    }

    /** {@code value} in {@code bytes} bytes; refuses a negative value or one with more digits than fit. */
    public static byte[] encode(long value, int bytes) {
        if (value < 0) throw new IllegalArgumentException("BCD cannot hold a negative number: " + value);
        byte[] out = new byte[bytes];
        long v = value;
        for (int i = bytes - 1; i >= 0; i--) {
            int lo = (int) (v % 10);
            v /= 10;
            int hi = (int) (v % 10);
            v /= 10;
            out[i] = (byte) (hi << 4 | lo);
        }
        if (v != 0) throw new IllegalArgumentException(value + " has more than " + (2 * bytes) + " digits");
        return out;
    }

    /** The number in {@code length} bytes from {@code offset}; a nibble above 9 is a {@link ZvtFormatException}. */
    public static long decode(byte[] data, int offset, int length) {
        long v = 0;
        for (int i = offset; i < offset + length; i++) {
            int hi = (data[i] >> 4) & 0x0F;
            int lo = data[i] & 0x0F;
            if (hi > 9 || lo > 9) throw new ZvtFormatException(String.format("not a BCD byte: %02X", data[i] & 0xFF));
            v = v * 100 + hi * 10 + lo;
        }
        return v;
    }

    /**
     * Digits of a BCD field in which some nibbles may be masked (a card number as the PT sends it, spec BMP 22:
     * {@code E} for a hidden digit, {@code F} for padding): hidden digits become '*', padding is dropped.
     */
    public static String maskedDigits(byte[] data, int offset, int length) {
        StringBuilder s = new StringBuilder(length * 2);
        for (int i = offset; i < offset + length; i++) {
            for (int nibble : new int[] {(data[i] >> 4) & 0x0F, data[i] & 0x0F}) {
                if (nibble <= 9) s.append((char) ('0' + nibble));
                else if (nibble == 0x0E) s.append('*');
                else if (nibble != 0x0F) throw new ZvtFormatException(String.format("not a card-number nibble: %X", nibble));
            }
        }
        return s.toString();
    }
}
