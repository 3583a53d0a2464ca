package com.freshscale.protocol.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.pricebook.SaleType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleTest {
    private static Sale sale(String id, String plu, String currency, String barcode) {
        return new Sale(id, "s1", "scale-1", 1, plu, SaleType.PER_KG, 1_234_000, 0, 199, null, 246, currency, barcode,
                Instant.parse("2026-11-26T10:15:30Z"), 3, null, null, false, 1, false);
    }

    @Test
    void saleIdsAreCanonicalUuidsInEitherCase() {
        String id = UUID.randomUUID().toString();
        assertThat(Sale.isUuid(id)).isTrue();
        assertThat(Sale.isUuid(id.toUpperCase())).isTrue();
        for (String bad : new String[] {"", id.substring(1), id + "0", id.replace('-', '0'), "g" + id.substring(1),
                "1-1-1-1-1", id.substring(0, 8) + "_" + id.substring(9)}) {
            assertThat(Sale.isUuid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void codesCurrenciesAndBarcodesAreCheckedCharacterByCharacter() {
        String id = Sale.newId();
        assertThat(sale(id, "4011", "EUR", "2940110002467").pluCode()).isEqualTo("4011");
        for (String[] bad : new String[][] {{"", "EUR", "2940110002467"}, {"401a", "EUR", "2940110002467"},
                {"123456", "EUR", "2940110002467"}, {"4011", "eur", "2940110002467"}, {"4011", "EURO", "2940110002467"},
                {"4011", "EUR", "1234567"}, {"4011", "EUR", "123456789012345"}, {"4011", "EUR", "29401100024x7"}}) {
            assertThatThrownBy(() -> sale(id, bad[0], bad[1], bad[2])).as(String.join(" ", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
