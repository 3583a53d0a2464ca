package com.freshscale.protocol.pricebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluTest {
    private static Plu bananas(Map<String, String> names) {
        return new Plu("4011", names, SaleType.PER_KG, 199, "EUR", 0, 5, "2N-IIIII-PPPPP", "default",
                List.of("Banana"), true);
    }

    @Test
    void nameFallsBackToEnglishThenAnyName() {
        assertThat(bananas(Map.of("en", "Bananas", "de", "Bananen")).name("de")).isEqualTo("Bananen");
        assertThat(bananas(Map.of("en", "Bananas", "de", "Bananen")).name("fr")).isEqualTo("Bananas");
        assertThat(bananas(Map.of("sv", "Bananer")).name("fr")).isEqualTo("Bananer");
        assertThat(bananas(Map.of()).name("fr")).isEqualTo("4011");
    }
}
