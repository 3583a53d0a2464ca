package com.freshscale.device.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPriceBookTest {
    private final PriceBook book = DemoPriceBook.load();

    @Test
    void bananasAre4011PricedPerKg() {
        Plu bananas = book.plu("4011").orElseThrow();
        assertThat(bananas.saleType()).isEqualTo(SaleType.PER_KG);
        assertThat(bananas.name("en")).isEqualTo("Bananas");
        assertThat(bananas.name("de")).isEqualTo("Bananen");
        assertThat(bananas.modelLabels()).containsExactly("Banana");
        assertThat(DemoPriceBook.isIfps("4011")).isTrue();
    }

    @Test
    void everyDatasetClassMapsToExactlyOneActivePlu() throws IOException {
        // tests run in device/; the dataset is ../shared/datasets relative to the repo root
        Path classes = Path.of("../../shared/datasets/grocerystore/classes.csv");
        List<String> names = Files.readAllLines(classes).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(names).hasSize(50);
        assertThat(book.plus()).hasSize(50);
        for (String name : names) {
            assertThat(book.activePlusFor(name)).as(name).hasSize(1);
        }
    }

    @Test
    void codesAreIfpsOrStoreAssignedOutsideTheIfpsRange() {
        for (Plu p : book.plus()) {
            int code = Integer.parseInt(p.code());
            if (DemoPriceBook.isIfps(p.code())) assertThat(code).as(p.code()).isBetween(3000, 4999);
            else assertThat(code).as(p.code()).isBetween(1000, 1099);
        }
    }

    @Test
    void everyDemoItemCanBePricedWithItsPromotions() throws Exception {
        PriceCalculator calculator = new PriceCalculator(PricingConfig.demo());
        PricedItem gala = calculator.price(book, PriceRequest.byWeight("4173", PriceCalculatorTest.stable(1_000_000),
                PriceCalculatorTest.NOON));
        assertThat(gala.promotion().id()).isEqualTo("DEMO-GALA-20");
        assertThat(gala.totalMinor()).isEqualTo(212); // 2.65 × 0.8 = 2.12
        for (Plu p : book.plus()) {
            PriceRequest r = p.saleType() == SaleType.PER_KG
                    ? PriceRequest.byWeight(p.code(), PriceCalculatorTest.stable(750_000), PriceCalculatorTest.NOON)
                    : PriceRequest.byCount(p.code(), 2, PriceCalculatorTest.NOON);
            assertThat(calculator.price(book, r).barcode()).as(p.code()).hasSize(13);
        }
    }
}
