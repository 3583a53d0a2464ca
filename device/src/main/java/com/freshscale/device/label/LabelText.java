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
    /** Day, month, year in that order, as Regulation (EU) 1169/2011 Annex X orders dates on food labels. */
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

    /** "€2.46" or "CHF 2.45" in English, "2,46 €" in German: amount in the currency's minor-unit digits. */
    String money(long minor, String currency) {
        Currency c = Currency.getInstance(currency);
        String amount = decimal(BigDecimal.valueOf(minor, Math.max(0, c.getDefaultFractionDigits())));
        String symbol = c.getSymbol(locale);
        if (!"en".equals(language)) return amount + " " + symbol;
        return symbol.length() > 1 ? symbol + " " + amount : symbol + amount; // "CHF 2.45", "€2.46"
    }

    /** Kilograms with three decimals (grams), more only if the scale interval is below 1 g: never rounded. */
    String kg(long mg) {
        BigDecimal kg = BigDecimal.valueOf(mg, 6).stripTrailingZeros();
        return decimal(kg.scale() < 3 ? kg.setScale(3) : kg) + " kg";
    }

    private String decimal(BigDecimal value) {
        String s = value.toPlainString();
        return "en".equals(language) ? s : s.replace('.', ',');
    }
}
