package com.freshscale.device.payment.zvt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Receipt text the PT asks the ECR to print: a print line (06 D1, spec 3.5: {@code <attribute> <text>}, attribute
 * bit 8 set on the last line of a receipt) or a text block (06 D3, spec 3.6: BMP 06 with tag 25 holding 07 text
 * lines and 1F07 the receipt type: 01 merchant, 02 customer, 03 administration).
 */
public record PrintOutput(List<String> lines, boolean lastLine, int receiptType) {
    public static final int MERCHANT = 1;
    public static final int CUSTOMER = 2;
    public static final int ADMINISTRATION = 3;
    /** Attribute bit 8 of a print line: the receipt ends here. */
    public static final int LAST_LINE = 0x80;

    public PrintOutput {
        lines = List.copyOf(lines);
    }

    public static PrintOutput parse(Apdu apdu) {
        byte[] d = apdu.data();
        if (apdu.command() == Apdu.PRINT_LINE) {
            if (d.length == 0) throw new ZvtFormatException("print line without its attribute byte");
            return new PrintOutput(List.of(new String(d, 1, d.length - 1, Fields.CP437)), (d[0] & LAST_LINE) != 0, 0);
        }
        if (apdu.command() != Apdu.PRINT_TEXT_BLOCK) throw new ZvtFormatException("not a print command: " + apdu);
        Fields f = Fields.parse(d, 0);
        Tlv texts = f.tlv(Tlv.PRINT_TEXTS).orElseThrow(() -> new ZvtFormatException("text block without print texts (tag 25)"));
        List<String> lines = new ArrayList<>();
        for (Tlv l : texts.all(Tlv.TEXT_LINE)) lines.add(l.text(Fields.CP437));
        int type = texts.find(Tlv.RECEIPT_TYPE).map(t -> t.value().length == 1 ? t.value()[0] & 0xFF : 0).orElse(0);
        return new PrintOutput(lines, true, type);
    }

    /** As a text block (06 D3). */
    public Apdu textBlock() {
        List<Tlv> in = new ArrayList<>();
        in.add(Tlv.primitive(Tlv.RECEIPT_TYPE, new byte[] {(byte) receiptType}));
        for (String l : lines) in.add(Tlv.text(Tlv.TEXT_LINE, l, Fields.CP437));
        in.add(Tlv.primitive(Tlv.END_OF_RECEIPT, new byte[0]));
        return Apdu.of(Apdu.PRINT_TEXT_BLOCK, new Fields.Builder().tlv(List.of(Tlv.constructed(Tlv.PRINT_TEXTS, in))).bytes());
    }

    /** One print line (06 D1). */
    public static Apdu line(String text, boolean last) {
        byte[] t = text.getBytes(Fields.CP437);
        byte[] d = new byte[t.length + 1];
        d[0] = (byte) (last ? LAST_LINE : 0);
        System.arraycopy(t, 0, d, 1, t.length);
        return Apdu.of(Apdu.PRINT_LINE, d);
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
