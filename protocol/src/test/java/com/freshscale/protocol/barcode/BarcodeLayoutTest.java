package com.freshscale.protocol.barcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test vectors of issue 3, worked by hand from GS1 General Specifications 7.9.3. */
class BarcodeLayoutTest {

    @Test
    void priceVerifierVectors() {
        assertThat(PriceVerifier.of("2875")).isEqualTo(9);
        assertThat(PriceVerifier.of("14685")).isEqualTo(6);
        assertThat(PriceVerifier.of("0599")).isEqualTo(1);
        assertThat(PriceVerifier.of("00599")).isEqualTo(9);
        assertThatThrownBy(() -> PriceVerifier.of("123")).hasMessageContaining("4- or 5-digit");
    }

    @Test
    void checkDigit() {
        assertThat(Gs1CheckDigit.of("400638133393")).isEqualTo(1); // a retail GTIN-13: 4006381333931
        assertThat(Gs1CheckDigit.of("03600029145")).isEqualTo(2); // UPC-A 036000291452
        assertThat(Gs1CheckDigit.isValid("4006381333931")).isTrue();
        assertThat(Gs1CheckDigit.isValid("4006381333932")).isFalse();
    }

    @Test
    void issueVectors() throws Exception {
        assertThat(BarcodeLayouts.EAN13_PRICE.encode("12345", 599)).isEqualTo("2112345005997");
        assertThat(BarcodeLayouts.EAN13_PRICE_VERIFIER.encode("1234", 599)).isEqualTo("2312349005997");
        assertThat(BarcodeLayouts.UK_PRICE_VERIFIER.encode("12345", 599)).isEqualTo("2012345105997");
        assertThat(BarcodeLayouts.UPCA_PRICE_VERIFIER.encode("12345", 599)).isEqualTo("212345105993");
        assertThat(BarcodeLayouts.UPCA_PRICE_VERIFIER.symbology()).isEqualTo(Symbology.UPC_A);
    }

    @Test
    void ukLayoutWithTheRetailersFixedDigits() throws Exception {
        BarcodeLayout uk = BarcodeLayouts.withCustom(Map.of("uk-dept-123", "20 123 II V PPPP C"))
                .find("uk-dept-123").orElseThrow();
        assertThat(uk.encode("45", 599)).isEqualTo("2012345105997");
        assertThat(uk.decode("2012345105997").item()).isEqualTo("45");
        assertThatThrownBy(() -> uk.decode("2012445105996")).isInstanceOf(BarcodeFieldException.class)
                .hasMessageContaining("fixed digit");
    }

    @Test
    void weightEmbeddedLayoutCarriesGrams() throws Exception {
        String code = BarcodeLayouts.EAN13_WEIGHT.encode("4011", 1234);
        assertThat(code).startsWith("280401101234").hasSize(13);
        DecodedBarcode d = BarcodeLayouts.EAN13_WEIGHT.decode(code);
        assertThat(d.kind()).isEqualTo(EmbeddedValue.WEIGHT_G);
        assertThat(d.value()).isEqualTo(1234);
    }

    @Test
    void valuesThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> BarcodeLayouts.UK_PRICE_VERIFIER.encode("1", 10_000))
                .isInstanceOf(BarcodeFieldException.class).hasMessageContaining("max 9999");
        assertThatThrownBy(() -> BarcodeLayouts.EAN13_PRICE_VERIFIER.encode("94011", 100))
                .isInstanceOf(BarcodeFieldException.class).hasMessageContaining("4-digit item field");
        assertThatThrownBy(() -> BarcodeLayouts.EAN13_PRICE.encode("1", -1)).isInstanceOf(BarcodeFieldException.class);
    }

    @Test
    void decodingCatchesAMisreadPrice() throws Exception {
        // 2312349005997 with one price digit changed and the check digit fixed up: only the verifier catches it
        String tampered = "231234900" + "69";
        tampered = tampered + "9";
        tampered = tampered + Gs1CheckDigit.of(tampered);
        String finalTampered = tampered;
        assertThatThrownBy(() -> BarcodeLayouts.EAN13_PRICE_VERIFIER.decode(finalTampered))
                .hasMessageContaining("price verifier");
        assertThatThrownBy(() -> BarcodeLayouts.EAN13_PRICE.decode("2112345005998")).hasMessageContaining("check digit");
    }

    @Test
    void badPatternsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new BarcodeLayout("x", "41 IIIII PPPPP C")).hasMessageContaining("restricted circulation");
        assertThatThrownBy(() -> new BarcodeLayout("x", "21 IIII PPPP C")).hasMessageContaining("12 (UPC-A) or 13");
        assertThatThrownBy(() -> new BarcodeLayout("x", "2 IIII V PPPPPP C")).hasMessageContaining("4- or 5-digit");
        assertThatThrownBy(() -> new BarcodeLayout("x", "21 IIIII WWPPP C")).hasMessageContaining("exactly one value field");
        assertThatThrownBy(() -> new BarcodeLayout("x", "21 IIPII PPPPP C")).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> new BarcodeLayout("x", "21 IIIII PPPPC 0")).hasMessageContaining("last position");
        assertThatThrownBy(() -> BarcodeLayouts.withCustom(Map.of("ean13-price", "22 IIIII PPPPP C")))
                .hasMessageContaining("standard layout");
    }
}
