package com.freshscale.models;

import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.recognition.EmbeddingIndex;
import com.freshscale.recognition.GalleryVote;
import com.freshscale.recognition.LearningRule;
import com.freshscale.recognition.Prediction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The scale in a store, replayed on a split: the photos in a seeded order, each recognised with the model
 * and the store gallery ({@link GalleryVote}), the first {@link #TILES} answers shown as tiles, then the sale
 * confirmed and the gallery taught by the scale's own {@link LearningRule} — with the demo price book's
 * prices for its price comparisons, and the scale's loss-prevention flag (a pick cheaper than a first tile
 * of at least {@link #MISMATCH_CONFIDENCE}, same sale type). With {@code poison} P a fraction P of the
 * confirmations (seeded) are not the true item but the cheapest wrong one of the same sale type.
 *
 * <p>The fraud pattern: after the run, for every photo in turn (but those of the cheapest item of their sale
 * type), that one item is sold {@code fraudRepeats} times in a row as the cheapest wrong item; then the first tile for it is looked at again, and the
 * gallery is put back as it was. Counted: runs in which the cheaper item became the first tile.
 */
final class OnlineProtocol {
    static final int TILES = 4;
    /** The scale's default {@code recognition.mismatchConfidence} (device RecognitionConfig). */
    static final double MISMATCH_CONFIDENCE = 0.70;

    /** Figures of one replay. */
    record Result(double poison, int n, double top1, double top4, int learned, int pending, int ignored, int duplicates,
                  int promoted, int fraudRepeats, int fraudRuns, int fraudCheaperFirst, int fraudAlreadyFirst) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("poison", poison);
            m.put("online_top1", Evaluation.Metrics.round(top1));
            m.put("online_top4", Evaluation.Metrics.round(top4));
            m.put("online_top1_ci95", Evaluation.Metrics.interval(top1, n));
            m.put("online_top4_ci95", Evaluation.Metrics.interval(top4, n));
            m.put("learned", learned);
            m.put("pending", pending);
            m.put("ignored_flagged", ignored);
            m.put("duplicates", duplicates);
            m.put("promoted", promoted);
            m.put("fraud_repeats", fraudRepeats);
            m.put("fraud_runs", fraudRuns);
            m.put("fraud_cheaper_first", fraudCheaperFirst);
            // of those, runs where the cheaper item was the first tile already before the pattern (the store's
            // model and gallery took the item for the cheaper one; the pattern did not put it there)
            m.put("fraud_already_first", fraudAlreadyFirst);
            return m;
        }
    }

    /** Unit price and sale type of each model label, from the demo price book (null: no PLU sells it). */
    record LabelPrices(List<Plu> byLabel) {
        static LabelPrices demo(List<String> labels) {
            Map<String, Plu> byName = new java.util.HashMap<>();
            for (Plu p : DemoPriceBook.load().plus()) for (String l : p.modelLabels()) byName.put(l, p);
            List<Plu> out = new ArrayList<>();
            for (String l : labels) out.add(byName.get(l));
            return new LabelPrices(out);
        }

        /** The cheapest label other than {@code truth} sold the same way (per kg or per piece) as it. */
        int cheapestWrong(int truth) {
            Plu t = byLabel.get(truth);
            SaleType type = t == null ? null : t.saleType();
            int best = -1;
            for (int c = 0; c < byLabel.size(); c++) {
                Plu p = byLabel.get(c);
                if (c == truth || p == null || (type != null && p.saleType() != type)) continue;
                if (best < 0 || p.unitPriceMinor() < byLabel.get(best).unitPriceMinor()) best = c;
            }
            return best;
        }

        boolean comparable(int a, int b) {
            Plu pa = byLabel.get(a);
            Plu pb = byLabel.get(b);
            return pa != null && pb != null && pa.saleType() == pb.saleType() && pa.currency().equals(pb.currency());
        }

        long price(int label) {
            return byLabel.get(label).unitPriceMinor();
        }
    }

    private final GalleryVote vote;
    private final LabelPrices prices;
    private final int classes;
    private final boolean withoutRule;

    OnlineProtocol(GalleryVote vote, LabelPrices prices, int classes) {
        this(vote, prices, classes, false);
    }

    /**
     * @param withoutRule learn every confirmation as the gallery did before {@link LearningRule} (for comparison
     *                    only: what poisoning does to a gallery that trusts every tap)
     */
    OnlineProtocol(GalleryVote vote, LabelPrices prices, int classes, boolean withoutRule) {
        this.vote = vote;
        this.prices = prices;
        this.classes = classes;
        this.withoutRule = withoutRule;
    }

    /** The gallery of one replay: searched examples and pending ones (keys = labels). */
    private static final class StoreGallery {
        final EmbeddingIndex<Integer> searched;
        final List<float[]> pendingEmbeddings = new ArrayList<>();
        final List<Integer> pendingKeys = new ArrayList<>();
        long nextId;

        StoreGallery(int dim) {
            searched = new EmbeddingIndex<>(dim);
        }
    }

    Result run(Prediction[] predictions, int[] truth, long seed, double poison, int fraudRepeats) {
        int n = predictions.length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        Random poisoner = new Random(seed + 1);
        StoreGallery g = new StoreGallery(predictions[0].embedding().length);
        int top1 = 0;
        int top4 = 0;
        int[] counts = new int[5]; // learned, pending, ignored, duplicates, promoted
        for (int i : order) {
            Prediction p = predictions[i];
            List<Integer> shown = tiles(g, p);
            if (!shown.isEmpty() && shown.get(0) == truth[i]) top1++;
            if (shown.contains(truth[i])) top4++;
            int pick = truth[i];
            if (poison > 0 && poisoner.nextDouble() < poison) {
                int wrong = prices.cheapestWrong(truth[i]);
                if (wrong >= 0) pick = wrong;
            }
            confirm(g, p, shown, pick, counts);
        }
        int fraudRuns = 0;
        int cheaperFirst = 0;
        int alreadyFirst = 0;
        if (fraudRepeats > 0) {
            for (int i = 0; i < n; i++) {
                int cheap = prices.cheapestWrong(truth[i]);
                // the pattern is fraud only where the other item is cheaper (the cheapest item has none)
                if (cheap < 0 || prices.price(cheap) >= prices.price(truth[i])) continue;
                fraudRuns++;
                long firstId = g.nextId;
                List<Integer> pendingKeys = new ArrayList<>(g.pendingKeys);
                List<float[]> pendingEmbeddings = new ArrayList<>(g.pendingEmbeddings);
                List<Integer> before = tiles(g, predictions[i]);
                boolean cheapFirstBefore = !before.isEmpty() && before.get(0) == cheap;
                for (int r = 0; r < fraudRepeats; r++) confirm(g, predictions[i], tiles(g, predictions[i]), cheap, new int[5]);
                List<Integer> after = tiles(g, predictions[i]);
                if (!after.isEmpty() && after.get(0) == cheap) {
                    cheaperFirst++;
                    if (cheapFirstBefore) alreadyFirst++;
                }
                // put the gallery back as it was for the next run
                for (long id = firstId; id < g.nextId; id++) g.searched.remove(id);
                g.pendingKeys.clear();
                g.pendingKeys.addAll(pendingKeys);
                g.pendingEmbeddings.clear();
                g.pendingEmbeddings.addAll(pendingEmbeddings);
            }
        }
        return new Result(poison, n, top1 / (double) n, top4 / (double) n, counts[0], counts[1], counts[2], counts[3], counts[4],
                fraudRepeats, fraudRuns, cheaperFirst, alreadyFirst);
    }

    /** The first {@link #TILES} labels for a prediction with the gallery's votes; the confidence of the first is in {@link #lastTop}. */
    private double lastTop;

    private List<Integer> tiles(StoreGallery g, Prediction p) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) scores.put(c, (double) p.probabilities()[c]);
        Map<Integer, Double> combined = vote.combine(scores, g.searched.nearest(p.embedding(), vote.neighbours()));
        List<Map.Entry<Integer, Double>> ranked = combined.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed()).limit(TILES).toList();
        lastTop = ranked.isEmpty() ? 0 : ranked.get(0).getValue();
        return ranked.stream().map(Map.Entry::getKey).toList();
    }

    private void confirm(StoreGallery g, Prediction p, List<Integer> shown, int pick, int[] counts) {
        int first = shown.isEmpty() ? -1 : shown.get(0);
        boolean comparable = first >= 0 && prices.comparable(pick, first);
        // the scale's loss-prevention flag (device MismatchRule)
        boolean flagged = first >= 0 && first != pick && lastTop >= MISMATCH_CONFIDENCE && comparable
                && prices.price(pick) < prices.price(first);
        boolean notDearer = first == pick || (comparable && prices.price(pick) >= prices.price(first));
        LearningRule.Decision d = withoutRule ? LearningRule.Decision.LEARN
                : LearningRule.decide(new LearningRule.Sale<>(pick, shown, flagged, notDearer));
        switch (d) {
            case IGNORE -> counts[2]++;
            case PENDING -> {
                g.pendingEmbeddings.add(p.embedding());
                g.pendingKeys.add(pick);
                counts[1]++;
            }
            case LEARN -> {
                for (var nb : g.searched.nearest(p.embedding(), 1)) {
                    if (!withoutRule && nb.key() == pick && nb.similarity() >= LearningRule.DUPLICATE) {
                        counts[3]++;
                        return;
                    }
                }
                g.searched.add(g.nextId++, pick, p.embedding());
                counts[0]++;
                // a trusted example corroborates pending ones of the same item that look like it
                for (int j = g.pendingKeys.size() - 1; j >= 0; j--) {
                    if (g.pendingKeys.get(j) == pick && dot(g.pendingEmbeddings.get(j), p.embedding()) >= LearningRule.CORROBORATION) {
                        g.searched.add(g.nextId++, pick, g.pendingEmbeddings.get(j));
                        g.pendingKeys.remove(j);
                        g.pendingEmbeddings.remove(j);
                        counts[4]++;
                    }
                }
            }
        }
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
