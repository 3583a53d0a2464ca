package com.freshscale.device.app;

import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.ui.KioskConfig;
import com.freshscale.device.ui.KioskView;
import com.freshscale.device.ui.ProduceImages;
import com.freshscale.device.ui.Session;
import com.freshscale.device.ui.SessionState;
import com.freshscale.device.vision.Candidates;
import com.freshscale.device.weighing.WeightFormat;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import java.time.Instant;
import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.protocol.pricebook.Promotion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Turns the session and the stages' state into what the kiosk shows ({@link KioskView}). */
final class KioskViewModel {
    private final ScaleSync sync;
    private final PriceCalculator calculator;
    private final ProduceImages images;
    private final KioskConfig kiosk;
    private final BooleanSupplier recognitionAvailable;
    private final boolean simulation;
    private final boolean payAtScale;
    private volatile java.util.function.Supplier<String> simulatorAnswer = () -> null;

    KioskViewModel(ScaleSync sync, PriceCalculator calculator, ProduceImages images, KioskConfig kiosk,
            BooleanSupplier recognitionAvailable, boolean simulation, boolean payAtScale) {
        this.payAtScale = payAtScale;
        this.sync = sync;
        this.calculator = calculator;
        this.images = images;
        this.kiosk = kiosk;
        this.recognitionAvailable = recognitionAvailable;
        this.simulation = simulation;
    }

    /** The screen for {@code session}; {@code labelOnScreen} is the sale whose label preview may be shown. */
    KioskView view(Session session, String labelOnScreen) {
        SessionState s = session.state();
        Optional<PriceBook> book = sync.currentPriceBook();
        PriceBook b = book.orElse(null);
        Candidates c = session.candidates();
        List<KioskView.Item> tiles = new ArrayList<>();
        if (c != null) {
            int rank = 1;
            for (Candidates.Candidate cand : c.candidates()) {
                tiles.add(item(cand.plu(), b).ranked(rank++, Math.round(cand.confidence() * 1000) / 1000.0));
            }
        }
        Session.Pick pick = session.pick();
        PricedItem item = session.priced();
        KioskView.Priced priced = item == null ? null : priced(item, b);
        Session.Sold sold = session.sold();
        KioskView.Sold soldView = null;
        if (sold != null) {
            soldView = new KioskView.Sold(sold.saleId(), sold.item().totalMinor(), sold.item().currency(),
                    sold.saleId().equals(labelOnScreen) ? "/api/label/" + sold.saleId() : null, sold.paymentReference(), sold.receipt());
            if (priced == null) priced = priced(sold.item(), b);
        }
        return new KioskView(s.name(), s.error(), session.loadId(), weight(session.reading()),
                book.map(p -> new KioskView.PriceBookInForce(p.version(), p.currency())).orElse(null),
                c == null ? null : c.outcome().name(), tiles,
                pick == null ? null : item(pick.plu(), b).picked(pick.rank(), pick.auto()),
                session.count(), priced, soldView, session.notice(), session.printerProblem(),
                session.printerFault() == null ? null : session.printerFault().name(), session.cameraProblem(),
                recognitionAvailable.getAsBoolean(), sync.outbox().alarm(), sync.connected(), simulation, kiosk.languages(),
                payAtScale ? new KioskView.CardPayment(true, session.paymentStatus(), simulatorAnswer.get()) : null);
    }

    /** The demo's simulated terminal's next answer, shown in the Simulation bar. */
    void simulatorAnswer(java.util.function.Supplier<String> answer) {
        simulatorAnswer = answer;
    }

    /** The active items of the price book in force, as tiles. */
    List<KioskView.Item> catalogue() {
        Optional<PriceBook> book = sync.currentPriceBook();
        if (book.isEmpty()) return List.of();
        List<KioskView.Item> out = new ArrayList<>();
        for (Plu p : book.get().plus()) if (p.active()) out.add(item(p, book.get()));
        return out;
    }

    /** The picture of a PLU of the book in force (the dataset's iconic image), if any. */
    Optional<java.nio.file.Path> picture(String pluCode) {
        return sync.currentPriceBook().flatMap(b -> b.plu(pluCode)).flatMap(p -> images.iconic(p.modelLabels()));
    }

    static KioskView.Weight weight(WeightReading r) {
        if (r == null) return KioskView.Weight.NONE;
        if (blanked(r.status())) {
            // no indication above Max + 9 e (R76-1 4.2.3), below the negative limit, without zero or from a faulty cell:
            // the page blanks it, and the view it reads carries none either (a shopper's browser can read the view)
            return new KioskView.Weight(null, null, r.intervalMg(), r.stable(), false, r.netMode(), r.status().name(), "", null);
        }
        return new KioskView.Weight(r.netMg(), r.tareMg(), r.intervalMg(), r.stable(), r.centerOfZero(), r.netMode(),
                r.status().name(), WeightFormat.kg(r.netMg(), r.intervalMg()),
                r.netMode() ? WeightFormat.kg(r.tareMg(), r.intervalMg()) : null);
    }

    private static boolean blanked(WeightStatus status) {
        return status == WeightStatus.OVERLOAD || status == WeightStatus.UNDERLOAD || status == WeightStatus.NOT_ZEROED
                || status == WeightStatus.FAULT;
    }

    /** A tile at the price charged now: the best promotion in force applied, its text by language beside it. */
    private KioskView.Item item(Plu plu, PriceBook book) {
        Instant now = Instant.now();
        long unit = plu.unitPriceMinor();
        Long regular = null;
        Map<String, String> offer = null;
        if (book != null) {
            PriceCalculator.Offer o = calculator.offerAt(book, plu, now);
            unit = o.unitPriceMinor();
            if (o.promotion() != null) {
                regular = book.unitPriceAt(plu, now);
                offer = offerTexts(o.promotion());
            }
        }
        return new KioskView.Item(plu.code(), plu.names(), plu.saleType().name(), unit, offer != null, regular, offer,
                plu.currency(), images.iconic(plu.modelLabels()).isPresent() ? "/api/picture/" + plu.code() : null,
                images.kind(plu.modelLabels()).orElse(null), null, null, null, plu.originCountry(), plu.qualityClass(), plu.variety());
    }

    /** The promotion's text in each of the kiosk's languages (its English or any text where it has none). */
    private Map<String, String> offerTexts(Promotion p) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String language : kiosk.languages()) texts.put(language, p.text(language));
        return texts;
    }

    private KioskView.Priced priced(PricedItem i, PriceBook book) {
        KioskView.Promotion promotion = null;
        if (i.promotion() != null) {
            Map<String, String> texts = book == null ? Map.of() : book.promotions().stream()
                    .filter(p -> p.id().equals(i.promotion().id())).findFirst().map(this::offerTexts).orElse(Map.of());
            promotion = new KioskView.Promotion(i.promotion().text(), texts, i.promotion().savingMinor());
        }
        boolean weighed = i.saleType() == SaleType.PER_KG;
        return new KioskView.Priced(i.pluCode(), i.saleType().name(), i.netMg(), weighed ? WeightFormat.kg(i.netMg(), 1_000) : null,
                weighed ? i.tareMg() : 0, weighed && i.tareMg() > 0 ? WeightFormat.kg(i.tareMg(), 1_000) : null, i.count(),
                i.unitPriceMinor(), i.regularUnitPriceMinor(), promotion, i.totalMinor(), i.currency(), i.barcode(),
                i.priceBookVersion());
    }
}
