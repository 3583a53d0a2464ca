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
            "en", Map.ofEntries(Map.entry("packed", "Packed"), Map.entry("sellBy", "Sell by"), Map.entry("net", "Net"),
                    Map.entry("pcs", "pcs"), Map.entry("total", "Total"), Map.entry("save", "you save"), Map.entry("scale", "Scale"),
                    Map.entry("sale", "Sale"), Map.entry("cal", "Cal."), Map.entry("origin", "Origin"), Map.entry("class", "Class"),
                    Map.entry("paid", "PAID"), Map.entry("card", "Card"), Map.entry("copy", "COPY")),
            "de", Map.ofEntries(Map.entry("packed", "Verpackt"), Map.entry("sellBy", "Verk. bis"), Map.entry("net", "Netto"),
                    Map.entry("pcs", "Stk"), Map.entry("total", "Preis"), Map.entry("save", "Sie sparen"), Map.entry("scale", "Waage"),
                    Map.entry("sale", "Bon"), Map.entry("cal", "Eich."), Map.entry("origin", "Ursprung"), Map.entry("class", "Klasse"),
                    Map.entry("paid", "BEZAHLT"), Map.entry("card", "Karte"), Map.entry("copy", "KOPIE")));
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

    /**
     * "Origin Spain · Class I · Gala": the particulars EU marketing standards require where produce is sold
     * (Reg. (EU) 543/2011 Art. 6 and 7, Annex I), with the country named in the label language; null if none.
     */
    String marketing(String originCountry, String qualityClass, String variety) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (originCountry != null) {
            String country = new Locale("", originCountry).getDisplayCountry(locale);
            parts.add(caption("origin") + " " + (country.isBlank() ? originCountry : country));
        }
        if (qualityClass != null) parts.add(caption("class") + " " + qualityClass);
        if (variety != null) parts.add(variety);
        return parts.isEmpty() ? null : String.join(" · ", parts);
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
