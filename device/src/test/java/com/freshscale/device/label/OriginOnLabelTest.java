package com.freshscale.device.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.pricing.PricedItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The label names the origin, class and variety an item has in the price book (EU Reg. 543/2011, marketing standards
 * for fruit and vegetables: country of origin always, class and variety under the specific standards), in the label
 * language, and keeps the total and barcode where they were.
 */
class OriginOnLabelTest {
    static PricedItem withOrigin(PricedItem i, String country, String qualityClass, String variety) {
        return new PricedItem(i.pluCode(), i.name(), i.saleType(), i.netMg(), i.tareMg(), i.count(), i.regularUnitPriceMinor(),
                i.unitPriceMinor(), i.promotion(), i.totalMinor(), i.currency(), i.barcode(), i.barcodeLayout(), i.pricedAt(), i.packedOn(),
                i.sellBy(), i.priceBookVersion(), country, qualityClass, variety);
    }

    static List<String> texts(Label label) {
        return label.elements().stream().filter(e -> e instanceof LabelElement.Text).map(e -> ((LabelElement.Text) e).text()).toList();
    }

    @Test
    void theLabelNamesOriginClassAndVarietyInItsLanguage() {
        PricedItem gala = withOrigin(SampleLabels.galaOnOfferInGerman(), "IT", "I", "Royal Gala");
        assertThat(texts(SampleLabels.label(gala, "de"))).contains("Ursprung Italien · Klasse I · Royal Gala");
        PricedItem bananas = withOrigin(SampleLabels.bananas(), "CR", null, null);
        assertThat(texts(SampleLabels.label(bananas, "en"))).contains("Origin Costa Rica");
    }

    @Test
    void withoutThemTheLabelIsAsBeforeAndTheBarcodeDoesNotMove() {
        // the demo book gives every item its origin: an item without one is made here
        Label plain = SampleLabels.label(withOrigin(SampleLabels.bananas(), null, null, null), "en");
        assertThat(texts(plain)).noneMatch(t -> t.startsWith("Origin"));
        Label with = SampleLabels.label(withOrigin(SampleLabels.bananas(), "CR", "I", "Cavendish"), "en");
        LabelElement barcodePlain = plain.elements().stream().filter(e -> e instanceof LabelElement.Barcode).findFirst().orElseThrow();
        LabelElement barcodeWith = with.elements().stream().filter(e -> e instanceof LabelElement.Barcode).findFirst().orElseThrow();
        assertThat(barcodeWith).isEqualTo(barcodePlain);
    }
}
