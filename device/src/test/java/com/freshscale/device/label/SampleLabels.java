package com.freshscale.device.label;

import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PriceRequest;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.pricing.RoundingRule;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import java.time.Instant;
import java.util.Map;

/** Priced items of the demo price book at a fixed moment, for label tests. */
final class SampleLabels {
    static final Instant AT = Instant.parse("2026-03-10T11:00:00Z");

    private SampleLabels() {
    }

    static WeightReading stable(long netMg) {
        return new WeightReading(netMg, netMg, 0, 5_000, true, false, WeightStatus.OK, 0);
    }

    static PricedItem priced(String language, PriceRequest request) {
        try {
            return new PriceCalculator(new PricingConfig("FreshMart Main St", language, "Europe/Berlin", RoundingRule.HALF_UP,
                    1, Map.of())).price(DemoPriceBook.load(), request);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** 1.235 kg of bananas at 1.99 €/kg = 2.46 €. */
    static PricedItem bananas() {
        return priced("en", PriceRequest.byWeight("4011", stable(1_235_000), AT));
    }

    /** 0.750 kg of Royal Gala at 2.65 €/kg with 20 % off: 2.12 €/kg, 1.59 €, in German. */
    static PricedItem galaOnOfferInGerman() {
        return priced("de", PriceRequest.byWeight("4173", stable(750_000), AT));
    }

    static Label label(PricedItem item, String language) {
        return new LabelComposer(LabelStock.DEFAULT).compose(item,
                new LabelContext("FreshMart Main St", "S-01", 1234, 7, language));
    }
}
