package com.freshscale.server.prices;

/**
 * What free text a manager types (item names in every language, variety, recognition labels, layout names, promotion
 * texts, store names) may contain: any Unicode text (umlauts, accents, CJK, emoji: a kiosk shows every name, a label
 * prints the name of its own language with the printer's font) but no control characters (U+0000–U+001F, U+007F–U+009F:
 * a NUL or a line break is no part of a name, and ZPL, TSPL and ESC/POS take them as commands or line ends), no line or
 * paragraph separators (U+2028, U+2029), no unpaired UTF-16 surrogates (no character at all: the database's UTF-8 keeps
 * them as "?"), no noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF) and no bidirectional embeddings, overrides or isolates
 * (U+202A–U+202E, U+2066–U+2069: they reorder what follows, so a name can read on the console and the kiosk otherwise
 * than it was typed — CVE-2021-42574's "Trojan Source"; Unicode TR 9). The left-to-right and right-to-left marks
 * (U+200E, U+200F) stay allowed: Hebrew and Arabic names need them and they reorder nothing by themselves.
 */
public final class TextRules {
    private TextRules() {
    }

    /** {@code value} if it is printable text, else an IllegalArgumentException naming {@code what}, the character and where. */
    public static String check(String what, String value) {
        if (value == null) return null;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String wrong = wrong(cp);
            if (wrong != null) {
                throw new IllegalArgumentException(what + " contains " + wrong + " (" + String.format("U+%04X", cp) + ") at character "
                        + (value.codePointCount(0, i) + 1) + ": only printable text is allowed");
            }
            i += Character.charCount(cp);
        }
        return value;
    }

    private static String wrong(int cp) {
        if (Character.getType(cp) == Character.CONTROL) return "a control character";
        if (cp == 0x2028 || cp == 0x2029) return "a line break";
        // codePointAt returns a lone surrogate as itself: a pair has become one supplementary code point
        if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) return "an unpaired UTF-16 surrogate";
        if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return "a noncharacter";
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return "a bidirectional override";
        return null;
    }
}
