package com.freshscale.device.vision;

/**
 * Section {@code recognition} of the scale's config file.
 *
 * <pre>
 * recognition:
 *   model: bundled              # "bundled" (the model in the firmware jar) or a model folder
 *   topK: 4                     # tiles offered to the shopper
 *   autoPickConfidence: 0.90    # auto-pick only when top-1 confidence is at least this ...
 *   autoPickMargin: 0.60        # ... and leads the second by at least this
 *   minConfidence: 0.10         # below: "not recognised", no suggestion rather than a guess
 *   minWeightMg: 8000           # lighter loads (an empty produce bag weighs 2–6 g) are not looked at
 *   handSkinFraction: 0.90      # an item this skin-coloured (share of changed pixels) ...
 *   handMaxConfidence: 0.35     # ... and recognised below this confidence is taken for a hand
 *   galleryMaxEntries: 10000    # store gallery bound (oldest sale examples of the fullest PLU go first)
 *   galleryMaxPerPlu: 300       # per-PLU bound (oldest sale examples go first, taught ones last)
 *   mismatchConfidence: 0.70    # a cheaper pick than a top-1 this confident is flagged for HQ
 * </pre>
 */
public record RecognitionConfig(
        String model,
        int topK,
        double autoPickConfidence,
        double autoPickMargin,
        double minConfidence,
        long minWeightMg,
        double handSkinFraction,
        double handMaxConfidence,
        int galleryMaxEntries,
        int galleryMaxPerPlu,
        double mismatchConfidence) {

    public static final String BUNDLED = "bundled";

    public RecognitionConfig {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("recognition.model is required ('bundled' or a folder)");
        if (topK < 1 || topK > 12) throw new IllegalArgumentException("recognition.topK must be 1..12, got " + topK);
        fraction("autoPickConfidence", autoPickConfidence);
        fraction("autoPickMargin", autoPickMargin);
        fraction("minConfidence", minConfidence);
        fraction("handSkinFraction", handSkinFraction);
        fraction("handMaxConfidence", handMaxConfidence);
        fraction("mismatchConfidence", mismatchConfidence);
        if (minConfidence > autoPickConfidence) {
            throw new IllegalArgumentException("recognition.minConfidence must not exceed autoPickConfidence");
        }
        if (minWeightMg < 0) throw new IllegalArgumentException("recognition.minWeightMg must be >= 0");
        if (galleryMaxPerPlu < 1 || galleryMaxEntries < galleryMaxPerPlu) {
            throw new IllegalArgumentException("recognition: need 1 <= galleryMaxPerPlu <= galleryMaxEntries");
        }
    }

    private static void fraction(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("recognition." + name + " must be 0..1, got " + v);
    }

    public static RecognitionConfig defaults() {
        return new RecognitionConfig(BUNDLED, 4, 0.90, 0.60, 0.10, 8000, 0.90, 0.35, 10_000, 300, 0.70);
    }
}
