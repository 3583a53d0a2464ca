package com.freshscale.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.recognition.GalleryVote;
import com.freshscale.recognition.Prediction;
import com.freshscale.recognition.Ranking;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The store replay on made-up predictions over the demo price book's items: the rule that keeps shoppers
 * from teaching the scale wrong, measured as {@code evaluate --poison} measures it.
 */
class OnlineProtocolTest {
    static final List<String> LABELS = DemoPriceBook.load().plus().stream().map(p -> p.modelLabels().get(0)).toList();
    static final OnlineProtocol.LabelPrices PRICES = OnlineProtocol.LabelPrices.demo(LABELS);
    static final int K = LABELS.size();

    /** A prediction leaning to {@code label} with probability {@code p}, its embedding near the label's direction. */
    private static Prediction prediction(int label, float p, int second, Random rnd) {
        float[] probs = new float[K];
        for (int c = 0; c < K; c++) probs[c] = (1 - p - 0.1f) / (K - 2);
        probs[label] = p;
        probs[second] += 0.1f;
        float[] e = new float[K];
        for (int d = 0; d < K; d++) e[d] = (float) rnd.nextGaussian() * 0.08f;
        e[label] += 1;
        return new Prediction(probs, Ranking.l2Normalised(e));
    }

    @Test
    void theCheapestWrongItemIsSoldTheSameWay() {
        for (int c = 0; c < K; c++) {
            int w = PRICES.cheapestWrong(c);
            assertThat(w).isNotEqualTo(c);
            Plu truth = PRICES.byLabel().get(c);
            Plu wrong = PRICES.byLabel().get(w);
            assertThat(wrong.saleType()).isEqualTo(truth.saleType());
        }
    }

    @Test
    void anHonestStoreLearnsAndThePoisonedOneIsNotTaughtWrong() {
        Random rnd = new Random(1);
        int n = 400;
        Prediction[] preds = new Prediction[n];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % K;
            // a model that is unsure: the truth first with 0.3, the cheapest wrong item second
            preds[i] = prediction(truth[i], 0.3f, PRICES.cheapestWrong(truth[i]), rnd);
        }
        OnlineProtocol online = new OnlineProtocol(GalleryVote.standard(), PRICES, K);
        OnlineProtocol.Result clean = online.run(preds, truth, 7, 0, 5);
        OnlineProtocol.Result poisoned = online.run(preds, truth, 7, 0.3, 5);
        assertThat(clean.top1()).isEqualTo(1.0);
        assertThat(clean.learned()).isPositive();
        assertThat(poisoned.pending() + poisoned.ignored()).as("poisoned picks held back").isPositive();
        assertThat(poisoned.top1()).isGreaterThanOrEqualTo(0.95);
        // the fraud pattern: five sales in a row of one item as the cheapest wrong one never make that the first tile
        // every photo but those of the cheapest item per kg and the cheapest per piece (8 photos each)
        assertThat(clean.fraudRuns()).isEqualTo(n - 16);
        assertThat(clean.fraudCheaperFirst()).isZero();
        assertThat(poisoned.fraudCheaperFirst()).isZero();
    }

    @Test
    void withoutTheRuleTheSameFraudWouldWin() {
        // what the old gallery did: every confirmation learned. One item sold as a cheaper one puts the cheaper one first.
        Random rnd = new Random(2);
        Prediction p = prediction(3, 0.3f, PRICES.cheapestWrong(3), rnd);
        var index = new com.freshscale.recognition.EmbeddingIndex<Integer>(K);
        index.add(1, PRICES.cheapestWrong(3), p.embedding());
        java.util.Map<Integer, Double> scores = new java.util.LinkedHashMap<>();
        for (int c = 0; c < K; c++) scores.put(c, (double) p.probabilities()[c]);
        var combined = GalleryVote.standard().combine(scores, index.nearest(p.embedding(), 10));
        int first = combined.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(first).isEqualTo(PRICES.cheapestWrong(3));
    }
}
