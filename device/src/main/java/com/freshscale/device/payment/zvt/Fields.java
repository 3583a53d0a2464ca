package com.freshscale.device.payment.zvt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The BMPs of one data block, in order, each with its value bytes (without the LL/LLL prefix); BMP 06 also as its
 * TLV elements. Read with {@link #parse}, written with {@link Builder}.
 */
public final class Fields {
    /** ZVT's default character set (spec chapter 13, "ZVT character sets"): code page 437. */
    public static final Charset CP437 = Charset.forName("IBM437");

    private final Map<Integer, byte[]> values;
    private final List<Tlv> tlv;

    private Fields(Map<Integer, byte[]> values, List<Tlv> tlv) {
        this.values = values;
        this.tlv = tlv;
    }

    /** The BMPs of {@code data} from {@code offset} to the end. */
    public static Fields parse(byte[] data, int offset) {
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        List<Tlv> tlv = List.of();
        int i = offset;
        while (i < data.length) {
            int tag = data[i++] & 0xFF;
            Bmp.Format f = Bmp.format(tag);
            int length;
            switch (f.kind()) {
                case FIXED -> length = f.length();
                case LLVAR -> {
                    length = varLength(data, i, 2);
                    i += 2;
                }
                case LLLVAR -> {
                    length = varLength(data, i, 3);
                    i += 3;
                }
                default -> {
                    int[] at = {i};
                    length = Tlv.readLength(data, at);
                    i = at[0];
                }
            }
            if (i + length > data.length) {
                throw new ZvtFormatException(String.format("BMP %02X needs %d bytes, %d are left", tag, length, data.length - i));
            }
            byte[] value = Arrays.copyOfRange(data, i, i + length);
            if (f.kind() == Bmp.Kind.TLV) tlv = Tlv.parse(value, 0, value.length);
            values.put(tag, value);
            i += length;
        }
        return new Fields(values, tlv);
    }

    /** LLVAR/LLLVAR length: {@code digits} bytes {@code Fx}, each one decimal digit, most significant first. */
    static int varLength(byte[] data, int at, int digits) {
        if (at + digits > data.length) throw new ZvtFormatException("a variable length ends early");
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int b = data[at + k] & 0xFF;
            if ((b & 0xF0) != 0xF0 || (b & 0x0F) > 9) throw new ZvtFormatException(String.format("not a length digit: %02X", b));
            v = v * 10 + (b & 0x0F);
        }
        return v;
    }

    public boolean has(int bmp) {
        return values.containsKey(bmp);
    }

    public Optional<byte[]> raw(int bmp) {
        return Optional.ofNullable(values.get(bmp)).map(byte[]::clone);
    }

    /** A BCD BMP as a number (amount, trace, receipt number, TID, currency...). */
    public OptionalLong bcd(int bmp) {
        byte[] v = values.get(bmp);
        return v == null ? OptionalLong.empty() : OptionalLong.of(Bcd.decode(v, 0, v.length));
    }

    /** A one-byte binary BMP (result code, card type, payment type). */
    public Optional<Integer> unsignedByte(int bmp) {
        byte[] v = values.get(bmp);
        return v == null ? Optional.empty() : Optional.of(v[0] & 0xFF);
    }

    /** A text BMP in CP437, NUL padding and trailing blanks removed. */
    public Optional<String> text(int bmp) {
        byte[] v = values.get(bmp);
        if (v == null) return Optional.empty();
        int end = v.length;
        while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) end--;
        return Optional.of(new String(v, 0, end, CP437));
    }

    /** The TLV elements of BMP 06 (empty without one). */
    public List<Tlv> tlv() {
        return tlv;
    }

    /** The first TLV element with {@code tag}, anywhere in BMP 06. */
    public Optional<Tlv> tlv(int tag) {
        for (Tlv t : tlv) {
            if (t.tag() == tag) return Optional.of(t);
            Optional<Tlv> d = t.find(tag);
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    public java.util.Set<Integer> bmps() {
        return values.keySet();
    }

    /** Writes BMPs in the order added. */
    public static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Builder bcd(int bmp, long value) {
            Bmp.Format f = Bmp.format(bmp);
            if (f.kind() != Bmp.Kind.FIXED) throw new IllegalArgumentException(String.format("BMP %02X is not fixed-length", bmp));
            out.write(bmp);
            out.writeBytes(Bcd.encode(value, f.length()));
            return this;
        }

        public Builder unsignedByte(int bmp, int value) {
            if (Bmp.format(bmp).length() != 1) throw new IllegalArgumentException(String.format("BMP %02X is not one byte", bmp));
            if (value < 0 || value > 0xFF) throw new IllegalArgumentException("not a byte: " + value);
            out.write(bmp);
            out.write(value);
            return this;
        }

        /** A fixed-length BMP from raw bytes (e.g. 2A VU number, 3B AID), padded with {@code pad} or refused if too long. */
        public Builder fixed(int bmp, byte[] value, byte pad) {
            Bmp.Format f = Bmp.format(bmp);
            if (f.kind() != Bmp.Kind.FIXED || value.length > f.length()) {
                throw new IllegalArgumentException(String.format("BMP %02X takes %d bytes", bmp, f.length()));
            }
            out.write(bmp);
            out.writeBytes(value);
            for (int k = value.length; k < f.length(); k++) out.write(pad);
            return this;
        }

        /** An LLVAR or LLLVAR BMP. */
        public Builder variable(int bmp, byte[] value) {
            Bmp.Format f = Bmp.format(bmp);
            int digits = f.kind() == Bmp.Kind.LLVAR ? 2 : f.kind() == Bmp.Kind.LLLVAR ? 3 : 0;
            if (digits == 0) throw new IllegalArgumentException(String.format("BMP %02X is not LLVAR/LLLVAR", bmp));
            if (value.length >= (digits == 2 ? 100 : 1000)) throw new IllegalArgumentException("too long for its length digits");
            out.write(bmp);
            String len = String.format("%0" + digits + "d", value.length);
            for (char c : len.toCharArray()) out.write(0xF0 | (c - '0'));
            out.writeBytes(value);
            return this;
        }

        public Builder text(int bmp, String text) {
            return variable(bmp, text.getBytes(CP437));
        }

        /** BMP 06 with these elements. */
        public Builder tlv(List<Tlv> elements) {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            for (Tlv t : elements) v.writeBytes(t.encode());
            out.write(Bmp.TLV_CONTAINER);
            Tlv.writeLength(out, v.size());
            out.writeBytes(v.toByteArray());
            return this;
        }

        /** Bytes that come before the BMPs (a command's fixed fields, e.g. the password of registration). */
        public Builder plain(byte... bytes) {
            out.writeBytes(bytes);
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }
}
