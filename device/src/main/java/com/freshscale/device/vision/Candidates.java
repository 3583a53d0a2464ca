package com.freshscale.device.vision;

import com.freshscale.protocol.pricebook.Plu;
import java.util.List;
import java.util.Optional;

/**
 * What the scale suggests for the item on the platter.
 *
 * @param outcome    whether there is anything to suggest
 * @param reason     for the log and the technician's page: why nothing is suggested, or what was seen
 * @param candidates up to k active PLUs, most likely first (empty unless {@link Outcome#RECOGNISED})
 * @param autoPick   the PLU to take without asking: top-1 confident enough and far enough ahead
 * @param embedding  the item's embedding, kept for {@link Recognizer#confirm} (null without an item)
 * @param thumbnail  the normalised crop, stored with the gallery example if confirmed (null without an item)
 */
public record Candidates(Outcome outcome, String reason, List<Candidate> candidates, Optional<Plu> autoPick,
                         float[] embedding, Thumbnail thumbnail) {

    /** Whether a suggestion can be made. */
    public enum Outcome {
        /** The platter is empty, or the load too light to be produce. */
        NOTHING,
        /** Something is there but it is not produce the scale knows (a hand, an empty bag, an unknown item). */
        NOT_PRODUCE,
        RECOGNISED
    }

    /** One tile: a PLU and the scale's confidence (0–1) that it is what lies on the platter. */
    public record Candidate(Plu plu, double confidence) {
    }

    public Candidates {
        candidates = List.copyOf(candidates);
        autoPick = autoPick == null ? Optional.empty() : autoPick;
    }

    static Candidates none(Outcome outcome, String reason, float[] embedding, Thumbnail thumbnail) {
        return new Candidates(outcome, reason, List.of(), Optional.empty(), embedding, thumbnail);
    }

    /** The most likely PLU, if any. */
    public Optional<Candidate> top() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
