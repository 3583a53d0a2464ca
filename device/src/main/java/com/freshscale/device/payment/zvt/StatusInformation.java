package com.freshscale.device.payment.zvt;

import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Optional;

/**
 * The PT's report of a transaction (04 0F, spec 3.2): result code (BMP 27), and for a payment its amount (04),
 * trace number (0B), receipt number (87), turnover record number (88), terminal id (29), time (0C) and date (0D),
 * card (22 masked PAN, 8A card type, 8B card name, 3B AID) and an additional text (3C). Absent fields are null.
 * After end-of-day the totals come as BMP 60 ({@link #totals}).
 */
public record StatusInformation(int resultCode, Long amountMinor, Integer currency, Long traceNumber, Long receiptNumber,
                                Long turnoverNumber, Long terminalId, String vuNumber, LocalTime time, MonthDay date, String pan,
                                Integer cardType, String cardName, String aid, String additionalText, Integer paymentType,
                                EndOfDayTotals totals) {

    public boolean approved() {
        return resultCode == ResultCode.SUCCESS;
    }

    public static StatusInformation parse(Apdu apdu) {
        if (apdu.command() != Apdu.STATUS_INFORMATION) throw new ZvtFormatException("not a status information: " + apdu);
        Fields f = Fields.parse(apdu.data(), 0);
        int result = f.unsignedByte(Bmp.RESULT_CODE).orElseThrow(() -> new ZvtFormatException("status information without a result code (BMP 27)"));
        LocalTime time = f.raw(Bmp.TIME).map(b -> LocalTime.of((int) Bcd.decode(b, 0, 1), (int) Bcd.decode(b, 1, 1),
                (int) Bcd.decode(b, 2, 1))).orElse(null);
        MonthDay date = f.raw(Bmp.DATE).map(b -> MonthDay.of((int) Bcd.decode(b, 0, 1), (int) Bcd.decode(b, 1, 1))).orElse(null);
        String pan = f.raw(Bmp.PAN).map(b -> Bcd.maskedDigits(b, 0, b.length)).orElse(null);
        String cardName = f.text(Bmp.CARD_NAME).orElse(null);
        return new StatusInformation(result, boxed(f, Bmp.AMOUNT), f.bcd(Bmp.CURRENCY).isPresent() ? (int) f.bcd(Bmp.CURRENCY).getAsLong() : null,
                boxed(f, Bmp.TRACE_NUMBER), boxed(f, Bmp.RECEIPT_NUMBER), boxed(f, Bmp.TURNOVER_NUMBER), boxed(f, Bmp.TERMINAL_ID),
                f.text(Bmp.VU_NUMBER).orElse(null), time, date, pan, f.unsignedByte(Bmp.CARD_TYPE).orElse(null), cardName,
                f.text(Bmp.AID).orElse(null), f.text(Bmp.ADDITIONAL_TEXT).orElse(null), f.unsignedByte(Bmp.PAYMENT_TYPE).orElse(null),
                f.raw(Bmp.TOTALS).map(EndOfDayTotals::parse).orElse(null));
    }

    private static Long boxed(Fields f, int bmp) {
        return f.bcd(bmp).isPresent() ? f.bcd(bmp).getAsLong() : null;
    }

    public Optional<String> describeResult() {
        return Optional.of(ResultCode.describe(resultCode));
    }
}
