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

    @Test
    void codesAreOneToFiveAsciiDigitsAndCurrenciesThreeCapitals() {
        for (String code : List.of("", "123456", "12a", "4 11", "\u0664\u0660\u0661\u0661")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Plu(code, Map.of("en", "x"), SaleType.PER_KG, 1, "EUR",
                    0, 0, "ean13", "std", List.of(), true)).as(code).isInstanceOf(IllegalArgumentException.class);
        }
        for (String currency : List.of("eur", "EURO", "EU", "E1R")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Plu("4011", Map.of("en", "x"), SaleType.PER_KG, 1, currency,
                    0, 0, "ean13", "std", List.of(), true)).as(currency).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new Plu("0", Map.of("en", "x"), SaleType.PER_KG, 1, "CHF", 0, 0, "ean13", "std", List.of(), true).code()).isEqualTo("0");
        assertThat(new Plu("99999", Map.of("en", "x"), SaleType.PER_KG, 1, "EUR", 0, 0, "ean13", "std", List.of(), true).code()).isEqualTo("99999");
    }
}
