package com.freshscale.device.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.pricing.RefusalReason;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every kiosk text exists in every language, and every state and message the scale can send has a text. */
class KioskI18nTest {
    static Map<String, Set<String>> keysByLanguage() throws Exception {
        String js;
        try (InputStream in = KioskI18nTest.class.getResourceAsStream("/kiosk/i18n.js")) {
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Matcher lang = Pattern.compile("\\n  ([a-z]{2}): \\{(.*?)\\n  }", Pattern.DOTALL).matcher(js);
        while (lang.find()) {
            Set<String> keys = new TreeSet<>();
            Matcher k = Pattern.compile("\"([a-zA-Z_.]+)\":").matcher(lang.group(2));
            while (k.find()) keys.add(k.group(1));
            out.put(lang.group(1), keys);
        }
        return out;
    }

    @Test
    void everyLanguageHasEveryKey() throws Exception {
        Map<String, Set<String>> keys = keysByLanguage();
        assertThat(keys.keySet()).containsExactlyElementsOf(Kiosk.LANGUAGES);
        assertThat(keys.get("de")).isEqualTo(keys.get("en"));
        assertThat(keys.get("en")).hasSizeGreaterThan(80);
    }

    @Test
    void everyStateAndMessageOfTheScaleHasAText() throws Exception {
        Set<String> en = keysByLanguage().get("en");
        for (SessionState s : SessionState.values()) assertThat(en).contains("state." + s.name(), "hint." + s.name());
        for (RefusalReason r : RefusalReason.values()) assertThat(en).contains("msg.refused_" + r.name());
        for (String m : List.of("take_off_first", "no_price_book", "not_on_sale", "below_min", "wait_stable", "put_item_on",
                "pick_first", "no_count", "bad_count", "nothing_to_print", "not_recognised", "outbox_full", "not_recorded",
                "unknown_plu", "printer_error", "refused", "error", "price_changed", "pay_load_changed", "pay_load_changed_reversed",
                "pay_not_reversed", "label_void_load_changed", "label_void_load_changed_paid",
                "sale_void_service", "out_of_service")) {
            assertThat(en).contains("msg." + m);
        }
    }
}
