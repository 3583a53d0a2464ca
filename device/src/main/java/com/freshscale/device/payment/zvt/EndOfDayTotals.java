package com.freshscale.device.payment.zvt;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The individual totals of an end-of-day (BMP 60, spec 3.2.1): the receipt numbers the batch spans (2 bytes BCD
 * each), then for each card scheme in the spec's order (girocard, JCB, Eurocard/Mastercard, Amex, Visa, Diners,
 * remaining) the number of payments (1 byte binary) and their turnover (6 bytes BCD).
 */
public record EndOfDayTotals(int firstReceipt, int lastReceipt, List<SchemeTotal> schemes) {
    public static final List<String> SCHEMES = List.of("girocard", "JCB", "Mastercard", "Amex", "Visa", "Diners", "other");

    public record SchemeTotal(String scheme, int count, long turnoverMinor) {}

    public EndOfDayTotals {
        schemes = List.copyOf(schemes);
        if (schemes.size() != SCHEMES.size()) throw new IllegalArgumentException("one total per scheme: " + SCHEMES);
    }

    public long count() {
        return schemes.stream().mapToLong(SchemeTotal::count).sum();
    }

    public long turnoverMinor() {
        return schemes.stream().mapToLong(SchemeTotal::turnoverMinor).sum();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Bcd.encode(firstReceipt, 2));
        out.writeBytes(Bcd.encode(lastReceipt, 2));
        for (SchemeTotal s : schemes) {
            if (s.count() > 0xFF) throw new IllegalArgumentException("more than 255 payments of one scheme in a batch");
            out.write(s.count());
            out.writeBytes(Bcd.encode(s.turnoverMinor(), 6));
        }
        return out.toByteArray();
    }

    static EndOfDayTotals parse(byte[] b) {
        if (b.length != 4 + 7 * SCHEMES.size()) throw new ZvtFormatException("BMP 60 totals: " + b.length + " bytes, expected 53");
        List<SchemeTotal> schemes = new ArrayList<>();
        for (int k = 0; k < SCHEMES.size(); k++) {
            int at = 4 + 7 * k;
            schemes.add(new SchemeTotal(SCHEMES.get(k), b[at] & 0xFF, Bcd.decode(b, at + 1, 6)));
        }
        return new EndOfDayTotals((int) Bcd.decode(b, 0, 2), (int) Bcd.decode(b, 2, 2), schemes);
    }
}
