package com.freshscale.device.payment.zvt;

import java.util.List;

/**
 * What the PT is doing while it has the master rights (04 FF, spec 3.7): a status byte, optionally a timeout, and
 * optionally display texts (BMP 06, tag 24). The ECR shows the shopper a text for it.
 */
public record IntermediateStatus(int code, List<String> displayTexts) {
    public static final int WAITING_FOR_AMOUNT_CONFIRMATION = 0x00;
    public static final int WATCH_PIN_PAD = 0x01;
    public static final int NOT_ACCEPTED = 0x03;
    public static final int WAITING_FOR_HOST = 0x04;
    public static final int INSERT_CARD = 0x0A;
    public static final int REMOVE_CARD = 0x0B;
    public static final int CARD_NOT_READABLE = 0x0C;
    public static final int PLEASE_WAIT = 0x0E;
    public static final int INCORRECT_PIN = 0x15;
    public static final int APPROVED_TAKE_GOODS = 0x1C;
    public static final int DECLINED = 0x1D;

    public IntermediateStatus {
        displayTexts = List.copyOf(displayTexts);
    }

    public static IntermediateStatus parse(Apdu apdu) {
        if (apdu.command() != Apdu.INTERMEDIATE_STATUS) throw new ZvtFormatException("not an intermediate status: " + apdu);
        byte[] d = apdu.data();
        if (d.length == 0) throw new ZvtFormatException("intermediate status without its status byte");
        int code = d[0] & 0xFF;
        int at = 1;
        // an optional timeout byte comes before BMP 06 (spec 3.7: <status> [<timeout>] [06 <TLV>])
        if (d.length > 1 && d[1] != Bmp.TLV_CONTAINER) at = 2;
        List<String> texts = List.of();
        if (d.length > at) {
            Fields f = Fields.parse(d, at);
            texts = f.tlv(Tlv.DISPLAY_TEXTS).map(t -> t.all(Tlv.TEXT_LINE).stream().map(l -> l.text(Fields.CP437)).toList())
                    .orElse(List.of());
        }
        return new IntermediateStatus(code, texts);
    }

    public Apdu encode() {
        Fields.Builder b = new Fields.Builder().plain((byte) code);
        if (!displayTexts.isEmpty()) {
            b.tlv(List.of(Tlv.constructed(Tlv.DISPLAY_TEXTS, displayTexts.stream().map(t -> Tlv.text(Tlv.TEXT_LINE, t, Fields.CP437)).toList())));
        }
        return Apdu.of(Apdu.INTERMEDIATE_STATUS, b.bytes());
    }
}
