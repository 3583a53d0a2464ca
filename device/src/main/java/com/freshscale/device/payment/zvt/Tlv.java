package com.freshscale.device.payment.zvt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One BER-TLV element of a ZVT TLV container (BMP 06, spec chapter 9): a tag of one or more bytes (low five bits
 * {@code 11111} in the first byte: more bytes follow while bit 8 is set), a length ({@code 00-7F} itself,
 * {@code 81 xx}, {@code 82 xx xx} big-endian) and a value; bit 6 of the first tag byte marks a constructed element,
 * whose value is itself a list of elements.
 */
public record Tlv(int tag, byte[] value, List<Tlv> children) {
    /** Display texts (spec 9.4: tag 24, constructed, of 07 text lines). */
    public static final int DISPLAY_TEXTS = 0x24;
    /** Print texts (tag 25, constructed, of 07 text lines, 1F07 receipt type, 09 end-of-receipt). */
    public static final int PRINT_TEXTS = 0x25;
    public static final int TEXT_LINE = 0x07;
    public static final int END_OF_RECEIPT = 0x09;
    public static final int RECEIPT_TYPE = 0x1F07;

    public Tlv {
        value = value.clone();
        children = List.copyOf(children);
    }

    public static Tlv primitive(int tag, byte[] value) {
        return new Tlv(tag, value, List.of());
    }

    public static Tlv text(int tag, String text, Charset charset) {
        return primitive(tag, text.getBytes(charset));
    }

    public static Tlv constructed(int tag, List<Tlv> children) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (Tlv c : children) v.writeBytes(c.encode());
        return new Tlv(tag, v.toByteArray(), children);
    }

    /** Bit 6 of the tag's first byte. */
    public static boolean isConstructed(int tag) {
        int first = tag;
        while (first > 0xFF) first >>= 8;
        return (first & 0x20) != 0;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String text(Charset charset) {
        return new String(value, charset);
    }

    /** The first child with {@code tag}, searching the whole tree below this element. */
    public Optional<Tlv> find(int tag) {
        for (Tlv c : children) {
            if (c.tag == tag) return Optional.of(c);
            Optional<Tlv> deeper = c.find(tag);
            if (deeper.isPresent()) return deeper;
        }
        return Optional.empty();
    }

    /** Every child with {@code tag}, directly below this element, in order. */
    public List<Tlv> all(int tag) {
        return children.stream().filter(c -> c.tag == tag).toList();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTag(out, tag);
        writeLength(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    static void writeTag(ByteArrayOutputStream out, int tag) {
        if (tag > 0xFFFF) out.write(tag >> 16);
        if (tag > 0xFF) out.write((tag >> 8) & 0xFF);
        out.write(tag & 0xFF);
    }

    /** BER length (spec 9.1): up to 127 in one byte, then 81 xx, 82 xx xx. */
    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else if (length <= 0xFFFF) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        } else {
            throw new IllegalArgumentException("a TLV value of " + length + " bytes does not fit a ZVT APDU");
        }
    }

    /** A BER length at {@code at[0]} in {@code data}; advances {@code at[0]}. */
    static int readLength(byte[] data, int[] at) {
        int first = byteAt(data, at[0]++);
        if (first < 0x80) return first;
        if (first == 0x81) return byteAt(data, at[0]++);
        if (first == 0x82) {
            int v = byteAt(data, at[0]) << 8 | byteAt(data, at[0] + 1);
            at[0] += 2;
            return v;
        }
        throw new ZvtFormatException(String.format("TLV length byte %02X is not 00-7F, 81 or 82", first));
    }

    /** The elements in {@code data[from, to)}. */
    public static List<Tlv> parse(byte[] data, int from, int to) {
        List<Tlv> out = new ArrayList<>();
        int[] at = {from};
        while (at[0] < to) {
            int tag = byteAt(data, at[0]++);
            if ((tag & 0x1F) == 0x1F) {
                int next;
                do {
                    if (tag > 0xFFFF) throw new ZvtFormatException("a TLV tag longer than 3 bytes");
                    next = byteAt(data, at[0]++);
                    tag = tag << 8 | next;
                } while ((next & 0x80) != 0);
            }
            int length = readLength(data, at);
            int end = at[0] + length;
            if (end > to) throw new ZvtFormatException(String.format("TLV tag %X: %d bytes, only %d left", tag, length, to - at[0]));
            byte[] value = Arrays.copyOfRange(data, at[0], end);
            out.add(new Tlv(tag, value, isConstructed(tag) ? parse(data, at[0], end) : List.of()));
            at[0] = end;
        }
        return out;
    }

    private static int byteAt(byte[] data, int i) {
        if (i >= data.length) throw new ZvtFormatException("TLV data ends early");
        return data[i] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return tag * 31 + Arrays.hashCode(value);
    }
}
