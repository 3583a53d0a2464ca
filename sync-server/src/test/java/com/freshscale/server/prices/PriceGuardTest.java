package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceGuardTest {
    final PriceGuard guard = PriceGuard.standard();

    static Plu plu(SaleType type, String layout, long price) {
        return new Plu("4011", Map.of("en", "Bananas"), type, price, "EUR", 0, 0, layout, "default", List.of(), true);
    }

    @Test
    void theCeilingIsWhatTheBarcodesPriceFieldCarriesForTheLargestLoad() {
        // EAN-13 21 IIIII PPPPP C: 99999 cents; 15.045 kg (Max 15 kg + 9 e of 5 g) × 66.46 = 999.89, × 66.47 = 1000.04
        assertThat(guard.ceiling(SaleType.PER_KG, "ean13-price")).isEqualTo(6646);
        assertThat(guard.ceiling(SaleType.PER_PIECE, "ean13-price")).isEqualTo(99_999);
        assertThat(guard.ceiling(SaleType.FIXED, "ean13-price")).isEqualTo(99_999);
        // UK and UPC-A layouts have four price digits
        assertThat(guard.ceiling(SaleType.FIXED, "uk-price-verifier")).isEqualTo(9_999);
        assertThat(guard.ceiling(SaleType.PER_KG, "upca-price-verifier")).isEqualTo(664);
        // a layout the server does not know: the five digits of EAN-13
        assertThat(guard.ceiling(SaleType.PER_PIECE, "store-own")).isEqualTo(99_999);
        guard.checkCeiling(plu(SaleType.PER_KG, "ean13-price", 6646), 6646, "EUR");
    }

    @Test
    void aPriceAboveTheCeilingIsRefusedWithItsReason() {
        assertThatThrownBy(() -> guard.checkCeiling(plu(SaleType.PER_KG, "ean13-price", 6647), 6647, "EUR"))
                .hasMessage("PLU 4011 Bananas: 66.47 EUR per kg would make the largest load a scale weighs (15.045 kg) cost 1000.04 EUR, "
                        + "more than the 999.99 EUR the 5-digit price field of its barcode (ean13-price) can carry: at most 66.46 EUR per kg");
        assertThatThrownBy(() -> guard.checkCeiling(plu(SaleType.PER_PIECE, "ean13-price", 100_000), 100_000, "EUR"))
                .hasMessageContaining("1000.00 EUR per piece is more than the 999.99 EUR");
        assertThatThrownBy(() -> guard.checkCeiling(plu(SaleType.PER_KG, "ean13-price", 99_999_999_999L), 99_999_999_999L, "EUR"))
                .hasMessageContaining("999999999.99 EUR per kg");
    }

    @Test
    void changesBeyondHalfOrToZeroNeedAConfirmationNamingOldAndNew() {
        Plu p = plu(SaleType.PER_KG, "ean13-price", 229);
        assertThat(guard.confirmation(p, 229L, 343L, "EUR", "")).isEmpty();          // +49.8 %: fine
        assertThat(guard.confirmation(p, 229L, 115L, "EUR", "")).isEmpty();          // −49.8 %
        var down = guard.confirmation(p, 229L, 10L, "EUR", "").orElseThrow();
        assertThat(down.confirmation()).isEqualTo(new PriceConfirmation("4011", 229L, 10L));
        assertThat(down.message()).isEqualTo("PLU 4011 Bananas: 2.29 EUR → 0.10 EUR is a change of −96 %, beyond ±50 %: confirm it to publish it");
        assertThat(guard.confirmation(p, 229L, 344L, "EUR", "")).isPresent();       // +50.2 %
        assertThat(guard.confirmation(p, 229L, 0L, "EUR", "").orElseThrow().message()).contains("2.29 EUR → 0.00 EUR gives it away");
        assertThat(guard.confirmation(p, null, 0L, "EUR", "new item at ").orElseThrow().confirmation().fromMinor()).isNull();
        assertThat(guard.confirmation(p, null, 199L, "EUR", "")).isEmpty();
        assertThat(guard.confirmation(p, 0L, 199L, "EUR", "")).isPresent();
    }
}
