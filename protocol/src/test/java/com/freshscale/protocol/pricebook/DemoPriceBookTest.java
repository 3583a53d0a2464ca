package com.freshscale.protocol.pricebook;

import static org.assertj.core.api.Assertions.assertThat;

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
        // tests run in protocol/; the dataset's class list is in the repository's demo assets
        Path classes = Path.of("../demo-assets/grocerystore/classes.csv");
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
}
