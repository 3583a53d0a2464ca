package com.freshscale.device.label;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/** The words and number formats printed on a label, in the label language (English and German; else English). */
final class LabelText {
    private static final Map<String, Map<String, String>> CAPTIONS = Map.of(
            "en", Map.of("packed", "Packed", "sellBy", "Sell by", "net", "Net", "pcs", "pcs", "total", "Total",
                    "save", "you save", "scale", "Scale", "sale", "Sale", "cal", "Cal."),
            "de", Map.of("packed", "Verpackt", "sellBy", "Verk. bis", "net", "Netto", "pcs", "Stk", "total", "Preis",
                    "save", "Sie sparen", "scale", "Waage", "sale", "Bon", "cal", "Eich."));
    /** Day, month, year in that order, as Regulation (EU) 1169/2011 Annex X asks for dates on food labels. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final String language;
    private final Map<String, String> captions;
    private final Locale locale;

    LabelText(String language) {
        this.language = language;
        this.captions = CAPTIONS.getOrDefault(language, CAPTIONS.get("en"));
        this.locale = Locale.forLanguageTag(language);
    }

    String caption(String key) {
        return captions.get(key);
    }

    String date(LocalDate d) {
        return DATE.format(d);
    }

    /** "€2.46" in English, "2,46 €" in German: amount in the currency's minor-unit digits. */
    String money(long minor, String currency) {
        Currency c = Currency.getInstance(currency);
        String amount = decimal(BigDecimal.valueOf(minor, Math.max(0, c.getDefaultFractionDigits())));
        String symbol = c.getSymbol(locale);
        return "en".equals(language) ? symbol + amount : amount + " " + symbol;
    }

    /** Kilograms with three decimals: the scale interval of a retail scale is at most 5 g. */
    String kg(long mg) {
        return decimal(BigDecimal.valueOf(mg).divide(BigDecimal.valueOf(1_000_000)).setScale(3,
                java.math.RoundingMode.UNNECESSARY)) + " kg";
    }

    private String decimal(BigDecimal value) {
        String s = value.toPlainString();
        return "en".equals(language) ? s : s.replace('.', ',');
    }
}
