package com.freshscale.device.vision;

import com.freshscale.protocol.pricebook.Plu;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the model's label probabilities onto the price book's active PLUs. A PLU listing several labels
 * (e.g. "Tomatoes, mixed" for all tomato labels) gets their sum; a label listed by several PLUs (organic and
 * conventional bananas) is shared equally between them — the picture cannot tell them apart, so neither may
 * look surer than the label itself; the store gallery, which remembers which one was sold, separates them.
 * Inactive PLUs are never offered. Probability of labels no active PLU lists is dropped, not renormalised:
 * a confidence must not grow because the store does not sell the recognised item.
 */
final class PluScores {
    private PluScores() {
    }

    /** PLU code → score, for every active PLU that lists at least one of {@code labels}. */
    static Map<String, Double> of(float[] probabilities, List<String> labels, Collection<Plu> plus) {
        Map<String, List<Plu>> byLabel = new HashMap<>();
        for (Plu p : plus) {
            if (!p.active()) continue;
            for (String l : p.modelLabels()) byLabel.computeIfAbsent(l, k -> new ArrayList<>()).add(p);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            List<Plu> sharing = byLabel.get(labels.get(i));
            if (sharing == null) continue;
            double share = probabilities[i] / (double) sharing.size();
            for (Plu p : sharing) scores.merge(p.code(), share, Double::sum);
        }
        return scores;
    }

    /** Active PLUs by code (the last one wins if a price book lists a code twice). */
    static Map<String, Plu> activeByCode(Collection<Plu> plus) {
        Map<String, Plu> m = new HashMap<>();
        for (Plu p : plus) if (p.active()) m.put(p.code(), p);
        return m;
    }
}
