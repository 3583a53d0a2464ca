package com.freshscale.device.vision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.recognition.GalleryVote;
import com.freshscale.recognition.Prediction;
import com.freshscale.recognition.Preprocessing;
import com.freshscale.recognition.ProduceModel;
import com.freshscale.recognition.Ranking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench recognition}: time per item on one thread, from the camera frame to the ranked PLUs — change
 * detection, crop, normalisation, inference (with flip TTA), and the vote of a full store gallery — and the
 * gallery search alone. Frames: produce photos placed on the simulated platter at 1280×720.
 */
@Command(name = "recognition", mixinStandardHelpOptions = true,
        description = "Benchmark recognition: crop + inference + gallery on one thread; last line is JSON.")
public final class RecognitionBench implements Callable<Integer> {
    @Option(names = "--model", defaultValue = RecognitionConfig.BUNDLED,
            description = "'bundled' or a model folder (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--images", defaultValue = "demo-assets/grocerystore/train",
            description = "folder of produce photos to put on the platter (default: ${DEFAULT-VALUE}, the demo assets "
                    + "in the repository, from its root)")
    Path images;

    @Option(names = "--frames", defaultValue = "200", description = "timed frames (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--gallery", defaultValue = "10000", description = "gallery entries (default: ${DEFAULT-VALUE})")
    int gallerySize;

    @Override
    public Integer call() throws IOException {
        // one thread, as the brief measures (ONNX Runtime's default too, set here so that no -D changes the figure)
        System.setProperty(ProduceModel.THREADS_PROPERTY, "1");
        com.freshscale.recognition.OpenCv.load();
        // and OpenCV's own pool, which would otherwise spread resizing and blurring over every core (work the
        // thread's CPU time would not show)
        org.opencv.core.Core.setNumThreads(1);
        List<Path> photos = photos(images);
        Path dir = Files.createTempDirectory("freshscale-bench");
        try (ProduceModel m = VisionStage.loadModel(model)) {
            List<Plu> book = demoPriceBook(m.spec().labels());
            RecognitionConfig d = RecognitionConfig.defaults();
            RecognitionConfig cfg = new RecognitionConfig(model, d.topK(), d.autoPickConfidence(), d.autoPickMargin(),
                    d.minConfidence(), d.minWeightMg(), d.handSkinFraction(), d.handMaxConfidence(),
                    Math.max(gallerySize, 1), Math.max(gallerySize, 1), d.mismatchConfidence());
            DeviceDatabase db = DeviceDatabase.open(dir.resolve("bench.db"));
            Gallery gallery = Gallery.open(db, Recognizer.modelId(m), m.spec().architecture().embeddingSize(),
                    cfg.galleryMaxEntries(), cfg.galleryMaxPerPlu(), jpeg -> Recognizer.embedThumbnail(m, jpeg));
            fillGallery(gallery, m, photos, book);
            VisionStage stage = new VisionStage(PlatterView.standard(m.spec().resizeSize()), new Recognizer(m, gallery, cfg), cfg);
            StillsCamera camera = StillsCamera.empty(1280, 720);
            stage.onStableZero(camera.grab());
            WeightReading load = new WeightReading(250_000, 250_000, 0, 2_000, true, false, WeightStatus.OK, 0);
            int warm = Math.min(20, photos.size());
            double[] ms = new double[frames];
            double[] cropMs = new double[frames];
            // CPU time of this thread too: on a shared machine the wall time includes waiting for a core
            var cpuClock = java.lang.management.ManagementFactory.getThreadMXBean();
            double[] cpuMs = new double[frames];
            PlatterView cropOnly = PlatterView.standard(m.spec().resizeSize());
            cropOnly.learnEmpty(camera.grab());
            List<float[]> embeddings = new ArrayList<>();
            int recognised = 0;
            for (int i = -warm; i < frames; i++) {
                camera.place(photos.get(Math.floorMod(i, photos.size())), "photo");
                Mat frame = camera.grab();
                long c0 = cpuClock.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Candidates c = stage.recognise(frame, load, book);
                long t1 = System.nanoTime();
                long c1 = cpuClock.getCurrentThreadCpuTime();
                cropOnly.look(frame).release();
                long t2 = System.nanoTime();
                frame.release(); // as the scale does (SaleSession): native memory is not left to the garbage collector
                if (i >= 0) {
                    ms[i] = (t1 - t0) / 1e6;
                    cropMs[i] = (t2 - t1) / 1e6;
                    cpuMs[i] = (c1 - c0) / 1e6;
                    if (c.outcome() == Candidates.Outcome.RECOGNISED) recognised++;
                    if (c.embedding() != null) embeddings.add(c.embedding());
                }
            }
            Map<String, Double> stages = breakdown(stage, cropOnly, camera, gallery, m, photos, load, book);
            double[] knn = new double[Math.max(1, embeddings.size())];
            for (int i = 0; i < embeddings.size(); i++) {
                long t0 = System.nanoTime();
                gallery.nearest(embeddings.get(i), 10);
                knn[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            Arrays.sort(knn);
            Arrays.sort(cropMs);
            Arrays.sort(cpuMs);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("bench", "recognition");
            r.put("ms_p50", round(pct(ms, 50)));
            r.put("ms_p95", round(pct(ms, 95)));
            r.put("gallery_size", gallery.size());
            r.put("knn_ms_p50", round(pct(knn, 50)));
            r.put("knn_ms_p95", round(pct(knn, 95)));
            r.put("cpu_ms_p50", round(pct(cpuMs, 50)));
            r.put("crop_ms_p50", round(pct(cropMs, 50)));
            r.put("stages_cpu_ms_p50", stages);
            r.put("load_average", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            double frameMflops = 2 * m.megaMacsPerFrame();
            r.put("model_mflops", round(2 * m.megaMacs()));
            r.put("frame_mflops", round(frameMflops));
            r.put("backbone", m.spec().architecture().backbone().network());
            r.put("params", m.parameterCount());
            r.put("input_px", m.spec().inputSize());
            r.put("flip_tta", m.spec().flipTta());
            r.put("frames", frames);
            r.put("frame_px", "1280x720");
            r.put("threads", 1);
            System.out.printf("recognition on one thread, %d frames of 1280x720 (%d recognised), gallery of %d%n",
                    frames, recognised, gallery.size());
            System.out.printf("  crop + inference + gallery: p50 %.2f ms, p95 %.2f ms%n", pct(ms, 50), pct(ms, 95));
            System.out.printf("  the same, CPU time of the thread: p50 %.2f ms (wall time includes waiting for a core)%n", pct(cpuMs, 50));
            System.out.printf("  change detection + crop:    p50 %.2f ms%n", pct(cropMs, 50));
            System.out.printf("  gallery k-NN alone:         p50 %.3f ms, p95 %.3f ms%n", pct(knn, 50), pct(knn, 95));
            System.out.println("  where the time goes (CPU time of the thread, p50 per stage):");
            stages.forEach((k, v) -> System.out.printf("    %-34s %6.2f ms%n", k, v));
            System.out.printf("  model: %s at %d px, %.0f MFLOPs per view, %.0f MFLOPs per frame, %d parameters%n",
                    m.spec().architecture().backbone().network(), m.spec().inputSize(), 2 * m.megaMacs(), frameMflops, m.parameterCount());
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /**
     * The same work as {@link VisionStage#recognise}, stage by stage on the same frames, in CPU time of this
     * thread (on a shared machine wall time includes waiting for a core); then the whole recognition of the
     * frame once more, as one figure.
     */
    private Map<String, Double> breakdown(VisionStage stage, PlatterView view, StillsCamera camera, Gallery gallery,
                                          ProduceModel m, List<Path> photos, WeightReading load, List<Plu> book) {
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        String[] names = {"change detection + crop", "preprocessing (resize, planes)", "network (tensor, forward, outputs)",
                "gallery k-NN", "PLU mapping + gallery vote", "skin check", "gallery thumbnail (crop kept)", "all of it, in one call"};
        double[][] t = new double[names.length][frames];
        GalleryVote vote = GalleryVote.standard();
        for (int i = -20; i < frames; i++) {
            camera.place(photos.get(Math.floorMod(i, photos.size())), "photo");
            Mat frame = camera.grab();
            long[] c = new long[names.length + 1];
            c[0] = cpu.getCurrentThreadCpuTime();
            PlatterView.Look look = view.look(frame);
            c[1] = cpu.getCurrentThreadCpuTime();
            Mat centre = Preprocessing.centre(look.crop(), m.spec());
            List<float[]> views = new ArrayList<>();
            views.add(Preprocessing.toPlanes(centre, m.spec().mean(), m.spec().std(), false));
            if (m.spec().flipTta()) views.add(Preprocessing.toPlanes(centre, m.spec().mean(), m.spec().std(), true));
            c[2] = cpu.getCurrentThreadCpuTime();
            Prediction p = m.predictInputs(views).get(0);
            c[3] = cpu.getCurrentThreadCpuTime();
            var neighbours = gallery.nearest(p.embedding(), vote.neighbours());
            c[4] = cpu.getCurrentThreadCpuTime();
            vote.combine(PluScores.of(p.probabilities(), m.spec().labels(), PluScores.activeByCode(book).values()), neighbours);
            c[5] = cpu.getCurrentThreadCpuTime();
            SkinCheck.fraction(look.crop(), look.mask());
            c[6] = cpu.getCurrentThreadCpuTime();
            Recognizer.thumbnail(look.crop(), m.spec().resizeSize());
            c[7] = cpu.getCurrentThreadCpuTime();
            stage.recognise(frame, load, book);
            c[8] = cpu.getCurrentThreadCpuTime();
            centre.release();
            look.release();
            frame.release();
            if (i < 0) continue;
            for (int s = 0; s < names.length; s++) t[s][i] = (c[s + 1] - c[s]) / 1e6;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int s = 0; s < names.length; s++) {
            Arrays.sort(t[s]);
            out.put(names[s], round(pct(t[s], 50)));
        }
        return out;
    }

    /**
     * A full gallery: real embeddings of the photos, each repeated with small noise (the variety of a store's
     * sales of one item) until {@code gallerySize} entries, under the PLU of the photo's predicted label.
     */
    private void fillGallery(Gallery gallery, ProduceModel m, List<Path> photos, List<Plu> book) {
        Random rnd = new Random(1);
        List<float[]> base = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Path p : photos.subList(0, Math.min(100, photos.size()))) {
            var pred = m.predict(Imgcodecs.imread(p.toString()));
            base.add(pred.embedding());
            codes.add(book.get(pred.topK(1)[0]).code());
        }
        List<Gallery.Example> examples = new ArrayList<>();
        for (int i = 0; i < gallerySize; i++) {
            float[] b = base.get(i % base.size());
            float[] e = new float[b.length];
            for (int d = 0; d < e.length; d++) e[d] = b[d] + (float) (rnd.nextGaussian() * 0.03);
            examples.add(new Gallery.Example(codes.get(i % base.size()), Gallery.Source.SALE, Ranking.l2Normalised(e), null));
        }
        gallery.addAll(examples);
    }

    /** One per-kg PLU per model label, codes 3000 + label index. */
    static List<Plu> demoPriceBook(List<String> labels) {
        List<Plu> book = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            book.add(new Plu(Integer.toString(3000 + i), Map.of("en", labels.get(i).replace('-', ' ')), SaleType.PER_KG,
                    199 + 10L * i, "EUR", 0, 0, "EAN13_PRICE", "standard", List.of(labels.get(i)), true));
        }
        return book;
    }

    private static List<Path> photos(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no image folder " + dir + " (use --images)");
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> list = new ArrayList<>(files.filter(f -> f.toString().toLowerCase().endsWith(".jpg")).sorted().toList());
            if (list.isEmpty()) throw new IllegalArgumentException("no .jpg images under " + dir);
            Collections.shuffle(list, new Random(42));
            return list;
        }
    }

    private static double pct(double[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
