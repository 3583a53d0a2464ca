package com.freshscale.device.payment;

import com.freshscale.device.payment.zvt.Commands;
import com.freshscale.device.payment.zvt.ZvtClient;
import com.freshscale.protocol.barcode.BarcodeLayout;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.barcode.EmbeddedValue;
import java.time.Duration;
import java.util.Map;

/**
 * Config section {@code payment}: paying by card at the scale (issue 13). Without the section, or with
 * {@code enabled: false}, the scale prints labels for the checkout only, as before.
 *
 * <pre>
 * payment:
 *   enabled: true
 *   host: 192.168.1.50          # the card terminal (ZVT over TCP)
 *   port: 20007                 # the ZVT default
 *   password: 0                 # the terminal's ECR password (6 digits; 000000 on most terminals)
 *   silenceSeconds: 90          # the longest the terminal may stay silent during a payment (it reports every few seconds)
 *   paidBarcode: "29 IIIII PPPPP C"   # the barcode on a PAID label: the till must not charge it again
 *   paidBarcodeValue: PRICE     # PRICE: the total in the P field (a prefix the till knows as "paid");
 *                               # ZERO: zero in the P field (the till rings 0.00), any layout
 * </pre>
 *
 * A PAID label's barcode with {@code PRICE} must not start like a layout the tills charge (the standard ones and
 * {@code pricing.barcodeLayouts}), else the till would charge it again: such a config is refused at start.
 */
public record PaymentConfig(Boolean enabled, String host, Integer port, Integer password, Integer silenceSeconds,
                            String paidBarcode, PaidValue paidBarcodeValue) {

    /**
     * The longest {@code silenceSeconds} a scale takes. It also bounds how long before its time of sale a sale paid at the
     * scale may say it was priced ({@code Sale.PRICED_BEFORE_SOLD}, not below this).
     */
    public static final int MAX_SILENCE_SECONDS = 600;

    /** What the P field of a PAID label's barcode carries. */
    public enum PaidValue { PRICE, ZERO }

    public PaymentConfig {
        if (enabled == null) enabled = false;
        if (port == null) port = ZvtClient.Options.DEFAULT_PORT;
        if (password == null) password = 0;
        if (silenceSeconds == null) silenceSeconds = 90;
        if (paidBarcode == null) paidBarcode = "29 IIIII PPPPP C";
        if (paidBarcodeValue == null) paidBarcodeValue = PaidValue.PRICE;
        if (enabled && (host == null || host.isBlank())) throw new IllegalArgumentException("host is required: the card terminal's address");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, got " + port);
        if (password < 0 || password > 999_999) throw new IllegalArgumentException("password is the terminal's 6-digit ECR password");
        if (silenceSeconds < 5 || silenceSeconds > MAX_SILENCE_SECONDS) {
            throw new IllegalArgumentException("silenceSeconds must be 5.." + MAX_SILENCE_SECONDS + ", got " + silenceSeconds);
        }
        BarcodeLayout layout = new BarcodeLayout("paid", paidBarcode);
        if (layout.embeds() != EmbeddedValue.PRICE) throw new IllegalArgumentException("paidBarcode needs a price field P");
    }

    /** Off: labels for the checkout only. */
    public static PaymentConfig disabled() {
        return new PaymentConfig(false, null, null, null, null, null, null);
    }

    public PaymentConfig(String host, int port, Duration silence) {
        this(true, host, port, 0, (int) silence.toSeconds(), null, null);
    }

    public BarcodeLayout paidLayout() {
        return new BarcodeLayout("paid", paidBarcode);
    }

    /**
     * Refuses a PAID barcode a till would charge: with {@code PRICE} its fixed leading digits must differ from those
     * of every layout of the same length the scale prints for the till ({@code custom}: {@code pricing.barcodeLayouts}).
     */
    public void checkAgainst(Map<String, String> custom) {
        if (paidBarcodeValue == PaidValue.ZERO) return;
        String paid = prefix(paidBarcode);
        for (String name : new String[] {"ean13-price", "ean13-price-verifier", "uk-price-verifier", "upca-price-verifier", "ean13-weight"}) {
            BarcodeLayout l = BarcodeLayouts.standard().find(name).orElseThrow();
            clash(paid, l);
        }
        custom.forEach((name, pattern) -> clash(paid, new BarcodeLayout(name, pattern)));
    }

    private void clash(String paid, BarcodeLayout till) {
        String compactPaid = paidBarcode.replace(" ", "").replace("-", "");
        String compactTill = till.pattern().replace(" ", "").replace("-", "");
        if (compactPaid.length() != compactTill.length()) return;
        String t = prefix(till.pattern());
        if (paid.startsWith(t) || t.startsWith(paid)) {
            throw new IllegalArgumentException("paidBarcode " + paidBarcode + " starts like the till's layout " + till
                    + ": the till would charge a PAID label again; use another prefix (e.g. 29) or paidBarcodeValue: ZERO");
        }
    }

    private static String prefix(String pattern) {
        String c = pattern.replace(" ", "").replace("-", "");
        int i = 0;
        while (i < c.length() && Character.isDigit(c.charAt(i))) i++;
        return c.substring(0, i);
    }

    public ZvtClient.Options terminal() {
        return new ZvtClient.Options(host, port, password, Commands.EURO, ZvtClient.T3, Duration.ofSeconds(silenceSeconds));
    }
}
