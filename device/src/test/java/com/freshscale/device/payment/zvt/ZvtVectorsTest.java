package com.freshscale.device.payment.zvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.MonthDay;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * ZVT at the byte level, against the layouts of the ZVT specification (PA00P015, "ZVT-Protokoll, ECR-Interface",
 * revision 13: chapter 2 commands, 3 PT messages, 9 TLV, 10 error codes, 12 BMPs). The terminal's messages below
 * are ones captured from real terminals, as published with the open-source ZVT client Portalum.Zvt
 * (github.com/Portalum/Portalum.Zvt, MIT licence, src/Portalum.Zvt.UnitTest: StatusInformationParserTest,
 * ZvtClientTest); what each byte means was worked out here from the spec, not taken from that code, and none of
 * these vectors comes from our own simulator.
 */
class ZvtVectorsTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", "").replace("-", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    // ---- ECR → PT commands (spec chapter 2) ----

    @Test
    void authorisationCarriesTheAmountAsSixBytesOfBcd() {
        // 06 01 <len 07> 04 <amount 000000001000> = 10.00 EUR (the Portalum capture of a 10 EUR payment)
        assertThat(hex(Commands.authorization(1000).encode())).isEqualTo("06 01 07 04 00 00 00 00 10 00");
        assertThat(hex(Commands.authorization(1234).encode())).isEqualTo("06 01 07 04 00 00 00 00 12 34");
        assertThat(hex(Commands.authorization(999_999_999_999L).encode())).isEqualTo("06 01 07 04 99 99 99 99 99 99");
        assertThatThrownBy(() -> Commands.authorization(1_000_000_000_000L)).hasMessageContaining("more than 12 digits");
        assertThatThrownBy(() -> Commands.authorization(0)).hasMessageContaining("positive");
    }

    @Test
    void registrationIsPasswordConfigByteAndCurrencyWithoutBmpTags() {
        // spec 2.1: 06 00 <len> <password 3 BCD> <config-byte> <CC 2 BCD>; CC 09 78 = EUR
        assertThat(hex(Commands.registration(123456, 0xBA, 978).encode())).isEqualTo("06 00 06 12 34 56 BA 09 78");
        assertThat(hex(Commands.registration(0, Commands.SELF_SERVICE_CONFIG, Commands.EURO).encode())).isEqualTo("06 00 06 00 00 00 3E 09 78");
    }

    @Test
    void reversalEndOfDayRepeatReceiptStatusEnquiryAndAbort() {
        // spec 2.10: 06 30 <len> <password> 87 <receipt-no 2 BCD>
        assertThat(hex(Commands.reversal(0, 117).encode())).isEqualTo("06 30 06 00 00 00 87 01 17");
        assertThat(hex(Commands.endOfDay(0).encode())).isEqualTo("06 50 03 00 00 00");      // spec 2.16
        assertThat(hex(Commands.repeatReceipt(0).encode())).isEqualTo("06 20 03 00 00 00"); // spec 2.13
        assertThat(hex(Commands.statusEnquiry(0).encode())).isEqualTo("05 01 03 00 00 00"); // spec 2.18
        assertThat(hex(Commands.abort().encode())).isEqualTo("06 B0 00");                    // spec 2.25
        assertThat(hex(Apdu.ack().encode())).isEqualTo("80 00 00");
        assertThat(hex(Apdu.nack(0x9C).encode())).isEqualTo("84 9C 00");
        assertThat(Apdu.decode(hex("84 00 00")).positiveAck()).isTrue(); // spec 2.2: some PTs acknowledge with 84 00
        assertThat(Apdu.decode(hex("84 9C 00")).negativeAck()).isTrue();
    }

    // ---- framing (spec 2.1) ----

    @Test
    void aLengthAbove254IsFFThenTwoBytesLowFirst() {
        byte[] data = new byte[300];
        byte[] encoded = Apdu.of(Apdu.PRINT_TEXT_BLOCK, data).encode();
        assertThat(hex(java.util.Arrays.copyOf(encoded, 5))).isEqualTo("06 D3 FF 2C 01");
        assertThat(encoded).hasSize(305);
        assertThat(Apdu.decode(encoded).data()).hasSize(300);
        assertThat(hex(java.util.Arrays.copyOf(Apdu.of(Apdu.PRINT_TEXT_BLOCK, new byte[254]).encode(), 3))).isEqualTo("06 D3 FE");
        assertThat(hex(java.util.Arrays.copyOf(Apdu.of(Apdu.PRINT_TEXT_BLOCK, new byte[255]).encode(), 5))).isEqualTo("06 D3 FF FF 00");
        assertThatThrownBy(() -> Apdu.decode(hex("06 D3 05 01 02"))).isInstanceOf(ZvtFormatException.class);
    }

    @Property
    void everyApduReadsBackAsWritten(@ForAll @IntRange(min = 0, max = 1000) int length, @ForAll @IntRange(min = 0, max = 255) int instr) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) data[i] = (byte) (i * 31 + instr);
        Apdu a = new Apdu(0x06, instr, data);
        assertThat(Apdu.decode(a.encode())).isEqualTo(a);
    }

    @Property
    void bcdRoundTrips(@ForAll @LongRange(min = 0, max = 999_999_999_999L) long amount) {
        assertThat(Bcd.decode(Bcd.encode(amount, 6), 0, 6)).isEqualTo(amount);
    }

    @Test
    void bcdIsTwoDigitsPerByteMostSignificantFirst() {
        assertThat(hex(Bcd.encode(978, 2))).isEqualTo("09 78");
        assertThat(hex(Bcd.encode(470, 3))).isEqualTo("00 04 70");
        assertThatThrownBy(() -> Bcd.decode(hex("1A"), 0, 1)).isInstanceOf(ZvtFormatException.class);
        assertThatThrownBy(() -> Bcd.encode(-1, 2)).hasMessageContaining("negative");
    }

    // ---- PT → ECR (spec chapter 3), captured from terminals ----

    @Test
    void statusInformationOfAnApprovedPayment() {
        // 04 0F <len 77>: 27 00 (success) 04 <20.40> 0B <trace 000470> 0C <22:39:53> 0D <10-06> 0E <expiry 2512>
        // 17 <card seq 0001> 19 70 22 <LLVAR F0 F8, masked PAN> 29 <TID 28004869> 2A <VU number, 15 ASCII>
        // 3B <AID, 8 bytes> 3C <LLLVAR F0 F1 F4 "GEN.NR.:611804"> 49 <09 78> 87 <receipt 0470> 88 <turnover 000470>
        // 8A 2E (card type) 8B <LLVAR F1 F7 "Debit Mastercard\0">
        byte[] bytes = hex("04 0F 77 27 00 04 00 00 00 00 20 40 0B 00 04 70 0C 22 39 53 0D 10 06 0E 25 12 17 00 01 19 70 22 F0 F8"
                + " EE EE EE EE EE EE 47 71 29 28 00 48 69 2A 31 30 30 34 36 31 37 36 33 20 20 20 20 20 20 3B 36 31 31 38 30 34 00 00"
                + " 3C F0 F1 F4 47 45 4E 2E 4E 52 2E 3A 36 31 31 38 30 34 49 09 78 87 04 70 88 00 04 70 8A 2E 8B F1 F7 44 65 62 69 74"
                + " 20 4D 61 73 74 65 72 63 61 72 64 00");
        StatusInformation s = StatusInformation.parse(Apdu.decode(bytes));
        assertThat(s.approved()).isTrue();
        assertThat(s.amountMinor()).isEqualTo(2040);
        assertThat(s.traceNumber()).isEqualTo(470);
        assertThat(s.receiptNumber()).isEqualTo(470);
        assertThat(s.turnoverNumber()).isEqualTo(470);
        assertThat(s.terminalId()).isEqualTo(28004869);
        assertThat(s.vuNumber()).isEqualTo("100461763");
        assertThat(s.time()).isEqualTo(LocalTime.of(22, 39, 53));
        assertThat(s.date()).isEqualTo(MonthDay.of(10, 6));
        assertThat(s.currency()).isEqualTo(978);
        assertThat(s.pan()).isEqualTo("************4771");
        assertThat(s.cardType()).isEqualTo(0x2E);
        assertThat(s.cardName()).isEqualTo("Debit Mastercard");
        assertThat(s.aid()).isEqualTo("611804");
        assertThat(s.additionalText()).isEqualTo("GEN.NR.:611804");
        assertThat(s.paymentType()).isEqualTo(0x70);
    }

    @Test
    void statusInformationOfADeclinedPaymentAndOfAnAbortByTheCustomer() {
        // 27 05: declined by the host; 29 TID; 3C "Abgelehnt"; 8A 06; 06 <TLV 0D>: 24 (display texts) 0B: 07 09 "Abgelehnt"
        StatusInformation declined = StatusInformation.parse(Apdu.decode(hex("04-0F-25-27-05-29-29-00-02-74-3C-F0-F0-F9-41-62-67-65-6C"
                + "-65-68-6E-74-8A-06-06-0D-24-0B-07-09-41-62-67-65-6C-65-68-6E-74")));
        assertThat(declined.approved()).isFalse();
        assertThat(declined.resultCode()).isEqualTo(ResultCode.DECLINED);
        assertThat(declined.terminalId()).isEqualTo(29000274);
        assertThat(declined.additionalText()).isEqualTo("Abgelehnt");
        assertThat(declined.cardType()).isEqualTo(6);
        assertThat(ResultCode.describe(declined.resultCode())).contains("declined");
        Fields f = Fields.parse(Apdu.decode(hex("04-0F-25-27-05-29-29-00-02-74-3C-F0-F0-F9-41-62-67-65-6C-65-68-6E-74-8A-06-06-0D-24-0B"
                + "-07-09-41-62-67-65-6C-65-68-6E-74")).data(), 0);
        assertThat(f.tlv(Tlv.DISPLAY_TEXTS).orElseThrow().all(Tlv.TEXT_LINE)).extracting(t -> t.text(Fields.CP437)).containsExactly("Abgelehnt");

        // 27 6C: abort via timeout or abort key; 3C "Abbruch durch Kunde"
        StatusInformation aborted = StatusInformation.parse(Apdu.decode(hex("04 0F 1E 27 6C 29 28 00 48 69 3C F0 F1 F9 41 62 62 72 75 63"
                + " 68 20 64 75 72 63 68 20 4B 75 6E 64 65")));
        assertThat(aborted.resultCode()).isEqualTo(ResultCode.ABORTED);
        assertThat(aborted.additionalText()).isEqualTo("Abbruch durch Kunde");
        assertThat(ResultCode.describe(0x6C)).isEqualTo("abort via timeout or abort-key");
    }

    @Test
    void aTlvContainerWithConstructedAndTwoByteTags() {
        // A0 01 <result code AS> ... 06 2E: 2F 08 {1F12 01 02, 1F10 01 00} 60 1B {43 07 <AID> 44 10 "Debit Mastercard"} 1F2B 04 ...
        byte[] bytes = hex("04-0F-65-27-00-0C-23-13-55-0D-10-29-0E-99-99-22-F0-F8-EE-EE-EE-EE-EE-EE-47-71-A0-01-29-00-00-00-06-87-00-08-0B"
                + "-00-00-00-8A-06-8B-F1-F1-4D-41-53-54-45-52-43-41-52-44-00-06-2E-2F-08-1F-12-01-02-1F-10-01-00-60-1B-43-07-A0-00-00-00"
                + "-04-10-10-44-10-44-65-62-69-74-20-4D-61-73-74-65-72-63-61-72-64-1F-2B-04-10-01-50-08");
        Apdu apdu = Apdu.decode(bytes);
        StatusInformation s = StatusInformation.parse(apdu);
        assertThat(s.cardName()).isEqualTo("MASTERCARD");
        assertThat(s.terminalId()).isEqualTo(6);
        assertThat(s.receiptNumber()).isEqualTo(8);
        assertThat(s.time()).isEqualTo(LocalTime.of(23, 13, 55));
        Fields f = Fields.parse(apdu.data(), 0);
        assertThat(f.tlv()).extracting(Tlv::tag).containsExactly(0x2F, 0x60, 0x1F2B);
        assertThat(f.tlv(0x1F12).orElseThrow().value()).containsExactly(0x02);
        assertThat(f.tlv(0x44).orElseThrow().text(Fields.CP437)).isEqualTo("Debit Mastercard");
        assertThat(f.tlv(0x43).orElseThrow().value()).hasSize(7);
        // written back, the container is the same bytes
        assertThat(hex(new Fields.Builder().tlv(f.tlv()).bytes())).isEqualTo(hex(java.util.Arrays.copyOfRange(apdu.data(),
                apdu.data().length - 0x30, apdu.data().length)));
    }

    @Test
    void abortFromThePtCarriesItsErrorByte() {
        // 06 1E 01 64: card not readable (spec chapter 10)
        Apdu a = Apdu.decode(hex("06 1E 01 64"));
        assertThat(a.command()).isEqualTo(Apdu.ABORT_FROM_PT);
        assertThat(ResultCode.describe(a.data()[0] & 0xFF)).isEqualTo("card not readable (LRC-/parity-error)");
        assertThat(Apdu.decode(hex("06 0F 00")).command()).isEqualTo(Apdu.COMPLETION);
    }

    @Test
    void intermediateStatusWithTimeoutAndDisplayTexts() {
        // spec 3.7: 04 FF <len> <status> [<timeout>] [06 <TLV: 24 {07 text}...>]
        assertThat(IntermediateStatus.parse(Apdu.decode(hex("04 FF 01 0A"))).code()).isEqualTo(IntermediateStatus.INSERT_CARD);
        assertThat(IntermediateStatus.parse(Apdu.decode(hex("04 FF 02 01 1E"))).code()).isEqualTo(IntermediateStatus.WATCH_PIN_PAD);
        IntermediateStatus texts = new IntermediateStatus(0x0E, List.of("Bitte warten"));
        assertThat(hex(texts.encode().encode())).isEqualTo("04 FF 13 0E 06 10 24 0E 07 0C 42 69 74 74 65 20 77 61 72 74 65 6E");
        assertThat(IntermediateStatus.parse(texts.encode())).isEqualTo(texts);
        IntermediateStatus timed = IntermediateStatus.parse(Apdu.decode(hex("04 FF 12 0E 05 06 0E 24 0C 07 0A 50 49 4E 20 65 69 6E 67 65 62")));
        assertThat(timed.displayTexts()).containsExactly("PIN eingeb");
    }

    @Test
    void printLinesAndTextBlocks() {
        // spec 3.5: 06 D1 <len> <attribute> <text>; attribute 80 = last line of the receipt
        PrintOutput line = PrintOutput.parse(Apdu.decode(hex("06 D1 06 80 4B 61 72 74 65")));
        assertThat(line.lines()).containsExactly("Karte");
        assertThat(line.lastLine()).isTrue();
        assertThat(PrintOutput.line("Karte", true)).isEqualTo(Apdu.decode(hex("06 D1 06 80 4B 61 72 74 65")));
        // spec 3.6: 06 D3 <len> 06 <len> 25 <len> {1F07 01 02, 07 <line>..., 09 00}
        PrintOutput block = new PrintOutput(List.of("KUNDENBELEG", "Betrag EUR 2,46"), true, PrintOutput.CUSTOMER);
        Apdu a = block.textBlock();
        assertThat(hex(a.encode())).startsWith("06 D3 28 06 26 25 24 1F 07 01 02 07 0B 4B 55 4E 44 45 4E 42 45 4C 45 47 07 0F").endsWith("09 00");
        assertThat(PrintOutput.parse(a)).isEqualTo(block);
    }

    @Test
    void variableLengthsAreFNibbledDigitsAndUnknownBmpsAreRefused() {
        assertThat(Fields.varLength(hex("F1 F4"), 0, 2)).isEqualTo(14);
        assertThat(Fields.varLength(hex("F0 F2 F5"), 0, 3)).isEqualTo(25);
        assertThatThrownBy(() -> Fields.varLength(hex("F1 FA"), 0, 2)).isInstanceOf(ZvtFormatException.class);
        assertThat(hex(new Fields.Builder().text(Bmp.ADDITIONAL_TEXT, "GEN.NR.:611804").bytes())).startsWith("3C F0 F1 F4 47 45 4E");
        assertThatThrownBy(() -> Fields.parse(hex("FE 01"), 0)).hasMessageContaining("unknown BMP FE");
        assertThatThrownBy(() -> Fields.parse(hex("04 00 00 10"), 0)).hasMessageContaining("BMP 04 needs 6 bytes");
        assertThatThrownBy(() -> StatusInformation.parse(Apdu.decode(hex("04 0F 02 0B 00")))).isInstanceOf(ZvtFormatException.class);
    }

    @Test
    void endOfDayTotalsPerCardScheme() {
        // BMP 60 of end-of-day (spec 3.2.1): receipts 0001-0003, then count (binary) + turnover (6 BCD) per scheme
        EndOfDayTotals t = new EndOfDayTotals(1, 3, List.of(new EndOfDayTotals.SchemeTotal("girocard", 2, 445),
                new EndOfDayTotals.SchemeTotal("JCB", 0, 0), new EndOfDayTotals.SchemeTotal("Mastercard", 1, 246),
                new EndOfDayTotals.SchemeTotal("Amex", 0, 0), new EndOfDayTotals.SchemeTotal("Visa", 0, 0),
                new EndOfDayTotals.SchemeTotal("Diners", 0, 0), new EndOfDayTotals.SchemeTotal("other", 0, 0)));
        byte[] b = t.encode();
        assertThat(hex(java.util.Arrays.copyOf(b, 18))).isEqualTo("00 01 00 03 02 00 00 00 00 04 45 00 00 00 00 00 00 00");
        assertThat(EndOfDayTotals.parse(b)).isEqualTo(t);
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.turnoverMinor()).isEqualTo(691);
    }
}
