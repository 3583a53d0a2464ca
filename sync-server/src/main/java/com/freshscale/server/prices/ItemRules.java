package com.freshscale.server.prices;

import com.freshscale.protocol.pricebook.Plu;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a manager's item must be before it goes into a price book: names trimmed and not blank (a name of spaces
 * showed the bare code on the kiosk), languages as BCP 47 primary tags, recognition labels trimmed and distinct,
 * the country of origin a real ISO 3166-1 code, tare below the largest load, a shelf life a label can print, a typical
 * piece weight a scale can weigh, and every text printable ({@link TextRules}: no control characters, no unpaired
 * surrogates).
 */
public final class ItemRules {
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Fresh produce: a year is more than any of it keeps (stored apples, potatoes and onions included). */
    public static final int MAX_SHELF_LIFE_DAYS = 365;
    /** Lightest typical piece: the lightest produce sold by the piece (a fig, a passion fruit) weighs 30-50 g. */
    public static final long MIN_TYPICAL_PIECE_MG = 5_000;

    private ItemRules() {
    }

    /** {@code plu} with names and labels trimmed; refused (IllegalArgumentException) if anything is wrong. */
    public static Plu normalise(Plu plu, long largestNetMg) {
        String who = "PLU " + plu.code() + ": ";
        Map<String, String> names = new TreeMap<>();
        plu.names().forEach((lang, name) -> {
            if (lang == null || !LANGUAGE.matcher(lang).matches()) {
                throw new IllegalArgumentException(who + "'" + lang + "' is not a language code (e.g. en, de)");
            }
            String n = name == null ? "" : name.strip();
            if (n.isEmpty()) throw new IllegalArgumentException(who + "the name (" + lang + ") is blank");
            names.put(lang, TextRules.check(who + "the name (" + lang + ")", n));
        });
        if (names.isEmpty()) throw new IllegalArgumentException(who + "needs a name");
        Set<String> labels = new LinkedHashSet<>();
        for (String l : plu.modelLabels()) {
            String t = l == null ? "" : l.strip();
            if (t.isEmpty()) throw new IllegalArgumentException(who + "a recognition label is blank");
            labels.add(TextRules.check(who + "a recognition label", t));
        }
        if (plu.originCountry() != null && !COUNTRIES.contains(plu.originCountry())) {
            throw new IllegalArgumentException(who + "'" + plu.originCountry() + "' is not an ISO 3166-1 country code (e.g. ES, DE, CR)");
        }
        if (plu.presetTareMg() >= largestNetMg) {
            throw new IllegalArgumentException(who + "a preset tare of " + plu.presetTareMg() / 1000 + " g leaves nothing to weigh");
        }
        if (plu.shelfLifeDays() > MAX_SHELF_LIFE_DAYS) {
            throw new IllegalArgumentException(who + "shelf life must be 0 (none printed) to " + MAX_SHELF_LIFE_DAYS + " days");
        }
        Long piece = plu.typicalPieceMg();
        if (piece != null && (piece < MIN_TYPICAL_PIECE_MG || piece > largestNetMg)) {
            // one piece must weigh what a scale can tell from nothing (a passion fruit is 35 g) and fit on the platter
            throw new IllegalArgumentException(who + "a typical piece weight must be " + MIN_TYPICAL_PIECE_MG / 1000 + " g to "
                    + largestNetMg / 1000 + " g, not " + piece / 1000.0 + " g");
        }
        String variety = TextRules.check(who + "the variety",
                plu.variety() == null || plu.variety().isBlank() ? null : plu.variety().strip());
        TextRules.check(who + "the barcode layout", plu.barcodeLayout());
        TextRules.check(who + "the label layout", plu.labelLayout());
        return new Plu(plu.code(), names, plu.saleType(), plu.unitPriceMinor(), plu.currency(), plu.presetTareMg(),
                plu.shelfLifeDays(), plu.barcodeLayout(), plu.labelLayout(), new ArrayList<>(labels), plu.active(),
                plu.originCountry(), plu.qualityClass(), variety, piece);
    }

    /** Each field that differs between {@code old} and {@code now}, as field → {old, new} texts (history and draft). */
    public static List<String[]> differences(Plu old, Plu now) {
        List<String[]> out = new ArrayList<>();
        Set<String> langs = new java.util.TreeSet<>(old.names().keySet());
        langs.addAll(now.names().keySet());
        for (String l : langs) diff(out, "name (" + l + ")", old.names().get(l), now.names().get(l));
        diff(out, "sold", old.saleType().name(), now.saleType().name());
        diff(out, "price", String.valueOf(old.unitPriceMinor()), String.valueOf(now.unitPriceMinor()));
        diff(out, "tare (mg)", String.valueOf(old.presetTareMg()), String.valueOf(now.presetTareMg()));
        diff(out, "shelf life (days)", String.valueOf(old.shelfLifeDays()), String.valueOf(now.shelfLifeDays()));
        diff(out, "origin", old.originCountry(), now.originCountry());
        diff(out, "class", old.qualityClass(), now.qualityClass());
        diff(out, "variety", old.variety(), now.variety());
        diff(out, "typical piece (mg)", old.typicalPieceMg() == null ? null : String.valueOf(old.typicalPieceMg()),
                now.typicalPieceMg() == null ? null : String.valueOf(now.typicalPieceMg()));
        diff(out, "recognition labels", String.join(", ", old.modelLabels()), String.join(", ", now.modelLabels()));
        diff(out, "on sale", String.valueOf(old.active()), String.valueOf(now.active()));
        diff(out, "barcode layout", old.barcodeLayout(), now.barcodeLayout());
        diff(out, "label layout", old.labelLayout(), now.labelLayout());
        return out;
    }

    private static void diff(List<String[]> out, String field, String a, String b) {
        if (!java.util.Objects.equals(a, b)) out.add(new String[] {field, a, b});
    }
}
