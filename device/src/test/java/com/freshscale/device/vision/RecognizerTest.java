package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.recognition.LearningRule;
import com.freshscale.recognition.OpenCv;
import com.freshscale.recognition.Prediction;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The vision stage end to end with the model shipped in the firmware (bundled resource), on produce photos
 * put on the simulated platter: fixture images from the Grocery Store dataset's validation split (MIT).
 */
class RecognizerTest {
    static final WeightReading STABLE_LOAD = new WeightReading(350_000, 350_000, 0, 2_000, true, false, WeightStatus.OK, 0);

    @TempDir
    static Path tmp;
    static VisionStage stage;
    static List<Plu> book;
    static int dbCounter;

    @BeforeAll
    static void open() {
        OpenCv.load();
        stage = VisionStage.open(RecognitionConfig.defaults(), DeviceDatabase.open(tmp.resolve("scale.db")));
        book = RecognitionBench.demoPriceBook(stage.recognizer().model().spec().labels());
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    static List<Path> fixtures(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(RecognizerTest.class.getResource("/vision/" + folder).toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
    }

    static String labelOf(Path photo) {
        String n = photo.getFileName().toString();
        return n.substring(0, n.lastIndexOf('_'));
    }

    /** A platter frame with {@code photo} on it, after the scale saw the empty platter. */
    static Mat onPlatter(StillsCamera cam, Path photo) {
        cam.clear();
        stage.onStableZero(cam.grab());
        cam.place(Imgcodecs.imread(photo.toString()), photo.getFileName().toString());
        return cam.grab();
    }

    @Test
    void theBundledModelLoadsWithoutDjlAndDescribesItself() {
        var spec = stage.recognizer().model().spec();
        // the scale runs the exported graph: DJL is not even on its class path
        assertThatThrownBy(() -> Class.forName("ai.djl.Model")).isInstanceOf(ClassNotFoundException.class);
        assertThat(spec.labels()).hasSize(50).contains("Pink-Lady", "Royal-Gala", "Banana");
        assertThat(stage.recognizer().model().parameterCount()).isGreaterThan(100_000);
    }

    @Test
    void recognisesFixturePhotosOnThePlatter() throws Exception {
        StillsCamera cam = StillsCamera.empty(1280, 720);
        int top4 = 0;
        List<Path> photos = fixtures("produce");
        for (Path photo : photos) {
            Candidates c = stage.recognise(onPlatter(cam, photo), STABLE_LOAD, book);
            assertThat(c.outcome()).as(photo + ": " + c.reason()).isEqualTo(Candidates.Outcome.RECOGNISED);
            assertThat(c.candidates()).hasSizeBetween(1, 4);
            assertThat(c.candidates()).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()));
            if (c.candidates().stream().anyMatch(k -> k.plu().modelLabels().contains(labelOf(photo)))) top4++;
        }
        // the committed model reaches ~0.9 top-4 on val; these 16 photos are a sample of it
        assertThat(top4).isGreaterThanOrEqualTo(photos.size() * 3 / 4);
    }

    @Test
    void nothingOnThePlatterOrTooLightOrUnstableGivesNoSuggestion() throws Exception {
        StillsCamera cam = StillsCamera.empty(1280, 720);
        stage.onStableZero(cam.grab());
        Candidates empty = stage.recognise(cam.grab(), STABLE_LOAD, book);
        assertThat(empty.outcome()).isEqualTo(Candidates.Outcome.NOTHING);
        assertThat(empty.candidates()).isEmpty();
        assertThat(empty.autoPick()).isEmpty();

        Mat banana = onPlatter(cam, fixtures("produce").get(2));
        WeightReading bagOnly = new WeightReading(4_000, 4_000, 0, 2_000, true, false, WeightStatus.OK, 0);
        assertThat(stage.recognise(banana, bagOnly, book).outcome()).isEqualTo(Candidates.Outcome.NOTHING);
        WeightReading moving = new WeightReading(350_000, 350_000, 0, 2_000, false, false, WeightStatus.OK, 0);
        assertThat(stage.recognise(banana, moving, book).outcome()).isEqualTo(Candidates.Outcome.NOTHING);
    }

    /**
     * The hand rule is skin colour and a weak recognition. What a given model makes of a drawn hand is not
     * something to rely on (the model is retrained; one took it for an orange at 0.57): this scale is
     * configured to take any skin-coloured item below certainty for a hand, so the test checks the skin
     * check end to end, and that the same rule leaves an aubergine on the platter alone.
     */
    @Test
    void aHandOnThePlatterIsNotProduce() throws Exception {
        RecognitionConfig d = RecognitionConfig.defaults();
        RecognitionConfig anyConfidence = new RecognitionConfig(d.model(), d.topK(), d.autoPickConfidence(), d.autoPickMargin(),
                d.minConfidence(), d.minWeightMg(), d.handSkinFraction(), 1.0, d.galleryMaxEntries(), d.galleryMaxPerPlu(),
                d.mismatchConfidence());
        try (VisionStage own = VisionStage.open(anyConfidence, DeviceDatabase.open(tmp.resolve("hand-" + (dbCounter++) + ".db")))) {
            StillsCamera cam = StillsCamera.empty(1280, 720);
            own.onStableZero(cam.grab());
            Mat frame = cam.grab();
            // a flat hand from above: palm and fingers in a typical skin tone (BGR)
            Scalar skin = new Scalar(120, 150, 205);
            Imgproc.ellipse(frame, new Point(640, 420), new Size(120, 150), 0, 0, 360, skin, -1);
            for (int f = 0; f < 4; f++) Imgproc.rectangle(frame, new Point(540 + f * 55, 120), new Point(580 + f * 55, 300), skin, -1);
            Candidates c = own.recognise(frame, STABLE_LOAD, book);
            assertThat(c.outcome()).as(c.reason()).isEqualTo(Candidates.Outcome.NOT_PRODUCE);
            assertThat(c.reason()).contains("hand");
            assertThat(c.candidates()).isEmpty();

            cam.clear();
            own.onStableZero(cam.grab());
            cam.place(Imgcodecs.imread(fixtures("produce").get(0).toString()), "aubergine");
            Candidates aubergine = own.recognise(cam.grab(), STABLE_LOAD, book);
            assertThat(aubergine.outcome()).as(aubergine.reason()).isEqualTo(Candidates.Outcome.RECOGNISED);
        }
    }

    @Test
    void onlyActivePlusAreOfferedAndNoneMeansNotProduce() throws Exception {
        StillsCamera cam = StillsCamera.empty(1280, 720);
        Mat frame = onPlatter(cam, fixtures("produce").get(0));
        List<Plu> inactive = book.stream().map(p -> new Plu(p.code(), p.names(), p.saleType(), p.unitPriceMinor(),
                p.currency(), p.presetTareMg(), p.shelfLifeDays(), p.barcodeLayout(), p.labelLayout(), p.modelLabels(),
                !p.modelLabels().contains("Avocado"))).toList();
        Candidates c = stage.recognise(frame, STABLE_LOAD, inactive);
        assertThat(c.candidates()).noneMatch(k -> k.plu().modelLabels().contains("Avocado"));
        assertThat(stage.recognise(frame, STABLE_LOAD, List.of()).outcome()).isEqualTo(Candidates.Outcome.NOT_PRODUCE);
    }

    @Test
    void teachingMakesAnItemWithoutModelLabelsRecognisable() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("teach-" + (dbCounter++) + ".db"));
        try (VisionStage own = VisionStage.open(RecognitionConfig.defaults(), db)) {
            // the store sells a pear variety under its own PLU, which lists no model label
            Plu special = new Plu("9001", Map.of("en", "Kaiser pear, local"), SaleType.PER_KG, 349, "EUR", 0, 0,
                    "EAN13_PRICE", "standard", List.of(), true);
            List<Plu> storeBook = new ArrayList<>(book.stream().filter(p -> !p.modelLabels().contains("Kaiser")).toList());
            storeBook.add(special);
            StillsCamera cam = StillsCamera.empty(1280, 720);
            List<Path> pears = fixtures("teach");
            Candidates before = recogniseWith(own, cam, pears.get(4), storeBook);
            assertThat(before.candidates()).noneMatch(k -> k.plu().code().equals("9001"));

            cam.clear();
            own.onStableZero(cam.grab());
            List<Mat> frames = new ArrayList<>();
            for (Path p : pears.subList(0, 4)) {
                cam.place(Imgcodecs.imread(p.toString()), p.toString());
                frames.add(cam.grab());
            }
            assertThat(own.teach(special, frames)).isEqualTo(4);
            assertThat(own.recognizer().gallery().count("9001")).isEqualTo(4);

            Candidates after = recogniseWith(own, cam, pears.get(4), storeBook);
            assertThat(after.candidates()).as(after.reason()).extracting(k -> k.plu().code()).contains("9001");
        }
        // taught examples are stored: a restarted scale still knows the item
        try (VisionStage restarted = VisionStage.open(RecognitionConfig.defaults(), db)) {
            assertThat(restarted.recognizer().gallery().count("9001")).isEqualTo(4);
        }
    }

    private static Candidates recogniseWith(VisionStage s, StillsCamera cam, Path photo, List<Plu> plus) {
        cam.clear();
        s.onStableZero(cam.grab());
        cam.place(Imgcodecs.imread(photo.toString()), photo.toString());
        return s.recognise(cam.grab(), STABLE_LOAD, plus);
    }

    /**
     * A fixture photo the scale puts first by a clear margin, with its PLU: the tests recognise it again after
     * placing it anew, and a photo the model is torn on (two items within a few points) may then come out as the
     * other one whatever the gallery did, which is not what they test.
     */
    private static Object[] firstRight(VisionStage s, StillsCamera cam) throws Exception {
        for (Path photo : fixtures("produce")) {
            Candidates c = recogniseWith(s, cam, photo, book);
            Plu truth = book.stream().filter(p -> p.modelLabels().contains(labelOf(photo))).findFirst().orElseThrow();
            if (c.outcome() != Candidates.Outcome.RECOGNISED || !c.candidates().get(0).plu().equals(truth)) continue;
            double second = c.candidates().size() > 1 ? c.candidates().get(1).confidence() : 0;
            if (c.candidates().get(0).confidence() - second >= 0.3) return new Object[] {photo, c, truth};
        }
        throw new AssertionError("the model puts no fixture photo's own item first by a clear margin");
    }

    @Test
    void aTrustedSaleIsLearnedAtOnceAndTheSameItemAgainAddsNothing() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("confirm.db"));
        try (VisionStage own = VisionStage.open(RecognitionConfig.defaults(), db)) {
            StillsCamera cam = StillsCamera.empty(1280, 720);
            Object[] r = firstRight(own, cam);
            Path photo = (Path) r[0];
            Candidates first = (Candidates) r[1];
            Plu truth = (Plu) r[2];
            assertThat(own.confirm(truth, first, false, Plu::unitPriceMinor)).isEqualTo(LearningRule.Decision.LEARN);
            assertThat(own.recognizer().gallery().size()).isEqualTo(1);
            Candidates again = recogniseWith(own, cam, photo, book);
            assertThat(again.candidates().get(0).plu()).isEqualTo(truth);
            assertThat(again.candidates().get(0).confidence()).isGreaterThan(first.candidates().get(0).confidence());
            // the same item sold again: one example, not two
            assertThat(own.confirm(truth, again, false, Plu::unitPriceMinor)).isEqualTo(LearningRule.Decision.IGNORE);
            assertThat(own.recognizer().gallery().size()).isEqualTo(1);
        }
        assertThatThrownBy(() -> stage.confirm(book.get(0), Candidates.none(Candidates.Outcome.NOTHING, "", null, null), false, Plu::unitPriceMinor))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheaperPickIsNotLearnedUntilStaffTeachTheItemAndAFlaggedOneNever() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("fraud.db"));
        try (VisionStage own = VisionStage.open(RecognitionConfig.defaults(), db)) {
            StillsCamera cam = StillsCamera.empty(1280, 720);
            Object[] r = firstRight(own, cam);
            Path photo = (Path) r[0];
            Candidates seen = (Candidates) r[1];
            Plu truth = (Plu) r[2];
            Plu cheaper = book.stream().filter(p -> p.saleType() == truth.saleType() && p.unitPriceMinor() < truth.unitPriceMinor())
                    .min(java.util.Comparator.comparingLong(Plu::unitPriceMinor)).orElseThrow();
            // the item sold as a cheaper one, three times in a row: pending, not searched; the first tile stays
            for (int i = 0; i < 3; i++) {
                Candidates c = recogniseWith(own, cam, photo, book);
                assertThat(own.confirm(cheaper, c, false, Plu::unitPriceMinor)).isEqualTo(LearningRule.Decision.PENDING);
            }
            assertThat(own.recognizer().gallery().size()).isZero();
            assertThat(own.recognizer().gallery().pendingSize()).isEqualTo(3);
            assertThat(recogniseWith(own, cam, photo, book).candidates().get(0).plu()).isEqualTo(truth);
            // a flagged sale is not even kept
            assertThat(own.confirm(cheaper, seen, true, Plu::unitPriceMinor)).isEqualTo(LearningRule.Decision.IGNORE);
            assertThat(own.recognizer().gallery().pendingSize()).isEqualTo(3);
            // staff teach the cheaper PLU from pictures of this very item: the pending sales are corroborated
            List<Mat> frames = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                cam.clear();
                own.onStableZero(cam.grab());
                cam.place(Imgcodecs.imread(photo.toString()), photo.toString());
                frames.add(cam.grab());
            }
            own.teach(cheaper, frames);
            assertThat(own.recognizer().gallery().pendingSize()).isZero();
            assertThat(own.recognizer().gallery().size()).isEqualTo(5);
        }
        // pending examples survive a restart as pending
        DeviceDatabase db2 = DeviceDatabase.open(tmp.resolve("fraud2.db"));
        try (VisionStage own = VisionStage.open(RecognitionConfig.defaults(), db2)) {
            StillsCamera cam = StillsCamera.empty(1280, 720);
            Object[] r = firstRight(own, cam);
            Plu truth = (Plu) r[2];
            Plu other = book.stream().filter(p -> !p.equals(truth) && ((Candidates) r[1]).candidates().stream().noneMatch(k -> k.plu().equals(p)))
                    .findFirst().orElseThrow();
            // a pick outside the tiles, whatever its price
            assertThat(own.confirm(other, (Candidates) r[1], false, Plu::unitPriceMinor)).isEqualTo(LearningRule.Decision.PENDING);
        }
        try (VisionStage restarted = VisionStage.open(RecognitionConfig.defaults(), db2)) {
            assertThat(restarted.recognizer().gallery().pendingSize()).isEqualTo(1);
            assertThat(restarted.recognizer().gallery().size()).isZero();
        }
    }

    @Test
    void autoPickNeedsConfidenceAndMargin() throws Exception {
        StillsCamera cam = StillsCamera.empty(1280, 720);
        RecognitionConfig cfg = RecognitionConfig.defaults();
        for (Path photo : fixtures("produce")) {
            Candidates c = stage.recognise(onPlatter(cam, photo), STABLE_LOAD, book);
            if (c.outcome() != Candidates.Outcome.RECOGNISED) {
                assertThat(c.autoPick()).isEmpty();
                continue;
            }
            if (c.autoPick().isPresent()) {
                assertThat(c.autoPick().get()).isEqualTo(c.candidates().get(0).plu());
                assertThat(c.candidates().get(0).confidence()).isGreaterThanOrEqualTo(cfg.autoPickConfidence());
                double second = c.candidates().size() > 1 ? c.candidates().get(1).confidence() : 0;
                assertThat(c.candidates().get(0).confidence() - second).isGreaterThanOrEqualTo(cfg.autoPickMargin());
            } else {
                double top = c.candidates().get(0).confidence();
                double second = c.candidates().size() > 1 ? c.candidates().get(1).confidence() : 0;
                assertThat(top < cfg.autoPickConfidence() || top - second < cfg.autoPickMargin()).isTrue();
            }
        }
    }

    @Test
    void predictionsAreIdenticalUnderConcurrentCalls() throws Exception {
        var model = stage.recognizer().model();
        List<Mat> imgs = new ArrayList<>();
        for (Path p : fixtures("produce").subList(0, 6)) imgs.add(Imgcodecs.imread(p.toString()));
        List<Prediction> sequential = new ArrayList<>();
        for (Mat m : imgs) sequential.add(model.predict(m));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Prediction>> futures = new ArrayList<>();
            for (int r = 0; r < 3; r++) for (Mat m : imgs) futures.add(pool.submit(() -> model.predict(m)));
            for (int i = 0; i < futures.size(); i++) {
                Prediction p = futures.get(i).get();
                Prediction s = sequential.get(i % imgs.size());
                assertThat(p.topK(4)).containsExactly(s.topK(4));
                for (int d = 0; d < s.embedding().length; d++) {
                    assertThat(p.embedding()[d]).isCloseTo(s.embedding()[d], org.assertj.core.api.Assertions.within(1e-4f));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
