package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.pricing.RoundingRule;
import com.freshscale.device.ui.Session;
import com.freshscale.device.ui.SessionState;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A promotion that starts while the bananas lie on the platter, priced at 1.99/kg: the press after it starts must not
 * charge the price no longer in force, nor one the screen did not show. It is refused with price_changed and the screen
 * shows the promotion's total; the next press prints that. The scale's clock is moved, as the day moves on.
 */
class PriceAtPrintTest {
    static final Instant PRICED_AT = Instant.parse("2026-03-10T10:59:30Z");
    static final long E = 5_000;
    static final Plu BANANAS = new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 199, "EUR", 0, 4, "ean13-price", "default",
            List.of("banana"), true);
    // 1.49/kg from 11:00, announced in the book the scale already has: no new book comes when it starts
    static final PriceBook BOOK = new PriceBook("store-1", 4, Instant.parse("2026-03-01T00:00:00Z"), "EUR", List.of(BANANAS), null,
            List.of(new Promotion("P-11", "4011", PromotionKind.NEW_PRICE, 149, Instant.parse("2026-03-10T11:00:00Z"),
                    Instant.parse("2026-03-10T18:00:00Z"), Map.of("en", "Happy hour"))));

    /** A clock the test moves. */
    static final class Wall extends Clock {
        Instant now = PRICED_AT;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Wall clock = new Wall();
    final PickPricing pricing = new PickPricing(new PriceCalculator(new PricingConfig("Test Market", "en", "Europe/Berlin",
            RoundingRule.HALF_UP, 1, Map.of())), clock);
    long t = 1_000_000_000L;

    WeightReading reading(long netMg, boolean stable) {
        t += 12_500_000L;
        return new WeightReading(netMg, netMg, 0, E, stable, netMg == 0, netMg < 20 * E ? WeightStatus.BELOW_MIN : WeightStatus.OK, t);
    }

    @Test
    void aPromotionStartingBetweenPricingAndPrintIsShownAndTheFirstPressRefused() throws Exception {
        Session s = new Session(true, 1.0);
        s.weight(reading(0, true));
        s.weight(reading(800_000, false));
        WeightReading load = reading(1_234_000, true);
        s.weight(load);
        assertThat(s.pick(BANANAS, 0).accepted()).isTrue();
        PricedItem shown = pricing.price(BOOK, BANANAS, s.reading(), 0);
        s.priced(s.loadId(), shown, s.reading());
        assertThat(shown.totalMinor()).as("1.99/kg × 1.234 kg").isEqualTo(246);

        clock.now = PRICED_AT.plus(Duration.ofMinutes(1)); // 11:00:30: the happy hour has begun
        assertThat(s.print(load).accepted()).as("the weight is what was priced").isTrue();
        PricedItem inForce = pricing.price(BOOK, BANANAS, s.pricedReading(), 0);
        assertThat(inForce.totalMinor()).as("1.49/kg × 1.234 kg").isEqualTo(184);
        Session.Answer press = s.priceInForce(inForce);
        assertThat(press.accepted()).isFalse();
        assertThat(press.messageKey()).isEqualTo("price_changed");
        assertThat(s.notice()).isEqualTo("price_changed");
        assertThat(s.state()).isEqualTo(SessionState.PRICED);
        assertThat(s.priced().totalMinor()).as("the screen shows the price in force").isEqualTo(184);
        assertThat(s.priced().promotion()).isNotNull();

        // the next press prints what the screen shows now
        assertThat(s.print(load).accepted()).isTrue();
        assertThat(s.priceInForce(pricing.price(BOOK, BANANAS, s.pricedReading(), 0)).accepted()).isTrue();
        assertThat(s.priced().totalMinor()).isEqualTo(184);
    }

    @Test
    void theSamePriceAtThePressIsNoNews() throws Exception {
        Session s = new Session(true, 1.0);
        s.weight(reading(0, true));
        s.weight(reading(800_000, false));
        WeightReading load = reading(1_234_000, true);
        s.weight(load);
        s.pick(BANANAS, 0);
        s.priced(s.loadId(), pricing.price(BOOK, BANANAS, s.reading(), 0), s.reading());
        clock.now = PRICED_AT.plusSeconds(20); // 10:59:50: still before it
        assertThat(s.print(load).accepted()).isTrue();
        assertThat(s.priceInForce(pricing.price(BOOK, BANANAS, s.pricedReading(), 0)).accepted()).isTrue();
        assertThat(s.notice()).isNull();
    }
}
