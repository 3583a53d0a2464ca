package com.freshscale.device.vision;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.recognition.GalleryVote;
import com.freshscale.recognition.LearningRule;
import java.util.function.ToLongFunction;
import com.freshscale.recognition.Prediction;
import com.freshscale.recognition.ProduceModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Recognises a cropped item: the model's label probabilities mapped to the active PLUs, combined with the
 * store gallery's votes ({@link GalleryVote}, the rule the offline evaluation measures), ranked, cut to k.
 * Learns: {@link #confirm} gives a sold item's embedding to the gallery as far as {@link LearningRule}
 * trusts the sale; {@link #teach} (staff) makes a PLU the model never saw recognisable from a handful of pictures. Safe under concurrent calls.
 */
public final class Recognizer {
    private final ProduceModel model;
    private final Gallery gallery;
    private final RecognitionConfig config;
    private final GalleryVote vote = GalleryVote.standard();

    public Recognizer(ProduceModel model, Gallery gallery, RecognitionConfig config) {
        this.model = model;
        this.gallery = gallery;
        this.config = config;
    }

    /** Model identity stored with gallery embeddings: a retrained model invalidates them. */
    public static String modelId(ProduceModel model) {
        return model.spec().name() + "@" + model.spec().trainedAt();
    }

    public ProduceModel model() {
        return model;
    }

    public Gallery gallery() {
        return gallery;
    }

    /** As {@link #recognise(Mat, Mat, Collection)} with every pixel of the crop belonging to the item. */
    public Candidates recognise(Mat crop, Collection<Plu> priceBook) {
        Mat all = new Mat(PlatterView.MASK_SIZE, PlatterView.MASK_SIZE, org.opencv.core.CvType.CV_8UC1, new org.opencv.core.Scalar(255));
        return recognise(crop, all, priceBook);
    }

    /**
     * Top-k active PLUs for the normalised crop of an item ({@code mask}: its changed pixels).
     * {@code NOT_PRODUCE} when even the best PLU is below {@code minConfidence}, or the item is almost all
     * skin-coloured and the scale is not sure of it (a hand).
     */
    public Candidates recognise(Mat crop, Mat mask, Collection<Plu> priceBook) {
        Prediction p = model.predict(crop);
        Thumbnail thumbnail = thumbnail(crop, model.spec().resizeSize());
        Map<String, Plu> active = PluScores.activeByCode(priceBook);
        Map<String, Double> scores = PluScores.of(p.probabilities(), model.spec().labels(), active.values());
        var neighbours = gallery.nearest(p.embedding(), vote.neighbours()).stream()
                .filter(n -> active.containsKey(n.key())).toList();
        Map<String, Double> combined = vote.combine(scores, neighbours, gallery::weight);
        List<Candidates.Candidate> ranked = new ArrayList<>();
        combined.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(config.topK())
                .forEach(e -> ranked.add(new Candidates.Candidate(active.get(e.getKey()), e.getValue())));
        double top = ranked.isEmpty() ? 0 : ranked.get(0).confidence();
        if (top < config.minConfidence()) {
            return Candidates.none(Candidates.Outcome.NOT_PRODUCE,
                    String.format("not recognised (best %.2f < %.2f)", top, config.minConfidence()), p.embedding(), thumbnail);
        }
        double skin = SkinCheck.fraction(crop, mask);
        if (skin >= config.handSkinFraction() && top < config.handMaxConfidence()) {
            return Candidates.none(Candidates.Outcome.NOT_PRODUCE,
                    String.format("looks like a hand (%.0f %% skin colour)", skin * 100), p.embedding(), thumbnail);
        }
        double second = ranked.size() > 1 ? ranked.get(1).confidence() : 0;
        Optional<Plu> auto = top >= config.autoPickConfidence() && top - second >= config.autoPickMargin()
                ? Optional.of(ranked.get(0).plu()) : Optional.empty();
        return new Candidates(Candidates.Outcome.RECOGNISED,
                String.format("%s %.2f", ranked.get(0).plu().code(), top), ranked, auto, p.embedding(), thumbnail);
    }

    /**
     * The shopper confirmed {@code plu} for the item recognised as {@code seen}: the gallery learns from it as
     * far as {@link LearningRule} trusts it ({@code flagged}: the sale was flagged by {@link MismatchRule};
     * {@code unitPrice}: the unit price in force, to compare the pick with the first tile). Returns what the
     * gallery did with it.
     */
    public LearningRule.Decision confirm(Plu plu, Candidates seen, boolean flagged, ToLongFunction<Plu> unitPrice) {
        if (seen.embedding() == null) throw new IllegalArgumentException("nothing was seen on the platter to learn from");
        List<String> shown = seen.candidates().stream().map(c -> c.plu().code()).toList();
        Plu first = seen.candidates().isEmpty() ? null : seen.candidates().get(0).plu();
        boolean notDearer = first != null && (first.code().equals(plu.code())
                || (first.saleType() == plu.saleType() && first.currency().equals(plu.currency())
                    && unitPrice.applyAsLong(plu) >= unitPrice.applyAsLong(first)));
        LearningRule.Decision d = LearningRule.decide(new LearningRule.Sale<>(plu.code(), shown, flagged, notDearer));
        return gallery.learn(plu.code(), d, seen.embedding(), seen.thumbnail() == null ? null : seen.thumbnail().jpeg());
    }

    /**
     * Teaches {@code plu} from example crops (a handful, from different sides): afterwards an item like them
     * is offered as {@code plu}, even if the model has never seen it. Returns how many were stored.
     */
    public int teach(Plu plu, List<Mat> crops) {
        if (crops.isEmpty()) throw new IllegalArgumentException("teaching needs at least one picture");
        List<Gallery.Example> examples = new ArrayList<>();
        for (Mat crop : crops) {
            examples.add(new Gallery.Example(plu.code(), Gallery.Source.TAUGHT, model.predict(crop).embedding(), thumbnail(crop, model.spec().resizeSize()).jpeg()));
        }
        gallery.addAll(examples);
        return crops.size();
    }

    /** Embedding of a stored thumbnail (to re-embed the gallery for a new model). */
    public static float[] embedThumbnail(ProduceModel model, byte[] jpeg) {
        MatOfByte bytes = new MatOfByte(jpeg);
        Mat img = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
        bytes.release();
        try {
            if (img.empty()) throw new IllegalArgumentException("corrupt gallery thumbnail");
            return model.predict(img).embedding();
        } finally {
            // a new model re-embeds the whole gallery (up to 10,000 thumbnails) in one go: released one by one,
            // not left to pile up in native memory until a collection
            img.release();
        }
    }

    /** The crop at the model's resize size, to keep as a JPEG (~5 kB) if the item is stored. */
    static Thumbnail thumbnail(Mat crop, int size) {
        return Thumbnail.of(com.freshscale.recognition.Preprocessing.squareResize(crop, size));
    }
}
