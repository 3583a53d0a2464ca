package com.freshscale.device.payment.zvt;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One ZVT message (spec chapter 2, "APDU"): control field (class and instruction byte), length, data.
 *
 * <p>Length (spec 2.1): one byte for 0-254 data bytes; for more, {@code FF} and then the length in two bytes,
 * low byte first ({@code FF 2C 01} = 300 bytes). The longest APDU is 65535 data bytes.
 */
public record Apdu(int cls, int instr, byte[] data) {
    public static final int MAX_DATA = 0xFFFF;

    // ECR → PT commands (spec chapter 2)
    public static final int REGISTRATION = 0x0600;
    public static final int AUTHORIZATION = 0x0601;
    public static final int REPEAT_RECEIPT = 0x0620;
    public static final int REVERSAL = 0x0630;
    public static final int END_OF_DAY = 0x0650;
    public static final int ABORT = 0x06B0;
    public static final int STATUS_ENQUIRY = 0x0501;
    // PT → ECR (spec chapter 3)
    public static final int STATUS_INFORMATION = 0x040F;
    public static final int INTERMEDIATE_STATUS = 0x04FF;
    public static final int COMPLETION = 0x060F;
    public static final int ABORT_FROM_PT = 0x061E;
    public static final int PRINT_LINE = 0x06D1;
    public static final int PRINT_TEXT_BLOCK = 0x06D3;
    // acknowledgements, both directions (spec 2.2)
    public static final int ACK = 0x8000;

    public Apdu {
        if (cls < 0 || cls > 0xFF || instr < 0 || instr > 0xFF) throw new IllegalArgumentException("class and instruction are bytes");
        if (data.length > MAX_DATA) throw new IllegalArgumentException("an APDU carries at most " + MAX_DATA + " data bytes");
        data = data.clone();
    }

    public static Apdu of(int command, byte... data) {
        return new Apdu(command >> 8, command & 0xFF, data);
    }

    /** Positive acknowledgement {@code 80 00 00}. */
    public static Apdu ack() {
        return of(ACK);
    }

    /** Negative acknowledgement {@code 84 <error> 00} (spec 2.2: 84 9C asks the other side to repeat, e.g. a busy ECR). */
    public static Apdu nack(int error) {
        return new Apdu(0x84, error, new byte[0]);
    }

    /** Class and instruction as one number, e.g. {@code 0x0601}. */
    public int command() {
        return cls << 8 | instr;
    }

    /** A positive acknowledgement: {@code 80 00}, or {@code 84 00} which some terminals send (spec 2.2). */
    public boolean positiveAck() {
        return (cls == 0x80 || cls == 0x84) && instr == 0x00;
    }

    /** A negative acknowledgement {@code 84 xx} with xx ≠ 00. */
    public boolean negativeAck() {
        return cls == 0x84 && instr != 0x00;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 5);
        out.write(cls);
        out.write(instr);
        if (data.length < 0xFF) {
            out.write(data.length);
        } else {
            out.write(0xFF);
            out.write(data.length & 0xFF);
            out.write(data.length >> 8);
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** One APDU from a byte stream (a TCP connection); EOF before a whole APDU is an {@link EOFException}. */
    public static Apdu read(InputStream in) throws IOException {
        int cls = readByte(in);
        int instr = readByte(in);
        int length = readByte(in);
        if (length == 0xFF) length = readByte(in) | readByte(in) << 8;
        byte[] data = in.readNBytes(length);
        if (data.length < length) throw new EOFException("connection closed inside an APDU");
        return new Apdu(cls, instr, data);
    }

    /** One APDU that must fill {@code bytes} exactly. */
    public static Apdu decode(byte[] bytes) {
        if (bytes.length < 3) throw new ZvtFormatException("an APDU has at least 3 bytes");
        int length = bytes[2] & 0xFF;
        int start = 3;
        if (length == 0xFF) {
            if (bytes.length < 5) throw new ZvtFormatException("an extended length needs 2 more bytes");
            length = (bytes[3] & 0xFF) | (bytes[4] & 0xFF) << 8;
            start = 5;
        }
        if (bytes.length != start + length) {
            throw new ZvtFormatException("length says " + length + " data bytes, there are " + (bytes.length - start));
        }
        return new Apdu(bytes[0] & 0xFF, bytes[1] & 0xFF, Arrays.copyOfRange(bytes, start, bytes.length));
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("connection closed");
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Apdu a && a.cls == cls && a.instr == instr && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return (cls << 8 | instr) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(encode());
    }
}
