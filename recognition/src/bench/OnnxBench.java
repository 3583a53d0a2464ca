/*
 * Experiment, not built by Maven (src/bench is no source root): PyTorch (ProduceModel.predictInputs) vs OpenCV
 * DNN vs ONNX Runtime on the ONNX graph from OnnxExport, one thread each. Needs ONNX Runtime, which is no
 * dependency of the project:
 *   mvn org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get -Dartifact=com.microsoft.onnxruntime:onnxruntime:1.20.0
 *   mvn org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath -pl recognition -Dmdep.outputFile=/tmp/cp.txt
 *   CP=recognition/target/classes:$(cat /tmp/cp.txt):$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.20.0/onnxruntime-1.20.0.jar
 *   javac -cp "$CP" -d /tmp/bench recognition/src/bench/OnnxBench.java
 *   nice -n 19 java -cp "/tmp/bench:$CP" OnnxBench models/produce [all|cmp|time] [rounds]
 * cmp: max |difference| of fine logits and embeddings against the DJL/PyTorch network and top-1 agreement on 50
 * photos of demo-assets/grocerystore/train; time: CPU time of the thread and wall time per forward, p50/p10 over
 * 200 forwards after 20 warm-up, batch 1. Writes the ONNX file to /tmp/produce.onnx.
 */
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import ai.onnxruntime.*;
import com.freshscale.recognition.*;
import java.lang.management.*;
import java.nio.FloatBuffer;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.opencv.core.*;
import org.opencv.dnn.*;
import org.opencv.imgcodecs.Imgcodecs;

public class OnnxBench {
    static ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    interface Fwd { void run() throws Exception; }
    static String time(String name, Fwd f, int warm, int n) throws Exception {
        for (int i = 0; i < warm; i++) f.run();
        long[] cpu = new long[n], wall = new long[n];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long p0 = os.getProcessCpuTime(), tc0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            f.run();
            cpu[i] = mx.getCurrentThreadCpuTime() - c0; wall[i] = System.nanoTime() - w0;
        }
        long proc = os.getProcessCpuTime() - p0, thr = mx.getCurrentThreadCpuTime() - tc0;
        Arrays.sort(cpu); Arrays.sort(wall);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format("%-10s cpu p50 %6.2f ms p10 %6.2f | wall p50 %6.2f ms p10 %6.2f | load %.2f | process/thread cpu %.2f", name,
                cpu[n/2]/1e6, cpu[n/10]/1e6, wall[n/2]/1e6, wall[n/10]/1e6, load, (double) proc / thr);
    }
    public static void main(String[] a) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        OpenCv.load();
        Core.setNumThreads(1);
        Path dir = Path.of(a[0]);
        String mode = a.length > 1 ? a[1] : "all";
        int rounds = a.length > 2 ? Integer.parseInt(a[2]) : 3;
        ModelSpec spec = ModelSpec.read(dir.resolve("model.json"));
        int s = spec.inputSize();
        long t0 = System.nanoTime();
        byte[] onnx = OnnxExport.export(dir);
        System.out.printf("export %d bytes in %d ms%n", onnx.length, (System.nanoTime()-t0)/1000000);
        Files.write(Path.of("/tmp/produce.onnx"), onnx);

        Model model = Model.newInstance(spec.name(), "PyTorch");
        model.setBlock(ProduceNet.build(spec.architecture(), spec.classes(), spec.coarseLabels().size()));
        model.load(dir, spec.name());
        Predictor<NDList, NDList> pred = model.newPredictor(new NoopTranslator());
        JniUtils.setGradMode(false);
        ProduceModel pm = ProduceModel.load(dir);

        Net net = Dnn.readNetFromONNX(new MatOfByte(onnx));
        net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
        List<String> outNames = List.of(OnnxExport.FINE, OnnxExport.EMBEDDING);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(1); so.setInterOpNumThreads(1);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        OrtSession ort = env.createSession(onnx, so);

        List<Path> photos;
        try (Stream<Path> w = Files.walk(dir.toAbsolutePath().getParent().getParent().resolve("demo-assets/grocerystore/train"))) {
            List<Path> all = w.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            photos = IntStream.range(0, 50).mapToObj(i -> all.get(i * all.size() / 50)).toList();
        }
        if (mode.equals("all") || mode.equals("cmp")) {
            double dFineCv = 0, dEmbCv = 0, dFineOrt = 0, dEmbOrt = 0, dProbPm = 0; int top1Cv = 0, top1Ort = 0;
            for (Path p : photos) {
                Mat bgr = Imgcodecs.imread(p.toString());
                float[] in = Preprocessing.toPlanes(Preprocessing.centre(bgr, spec), spec.mean(), spec.std(), false);
                float[] fT, eT;
                try (NDManager m = model.getNDManager().newSubManager()) {
                    NDList out = pred.predict(new NDList(m.create(in, new Shape(1, 3, s, s))));
                    fT = out.get(0).toFloatArray(); eT = out.get(2).toFloatArray();
                }
                Mat blob = new Mat(new int[] {1, 3, s, s}, CvType.CV_32F);
                blob.put(new int[] {0, 0, 0, 0}, in);
                net.setInput(blob);
                List<Mat> outs = new ArrayList<>();
                net.forward(outs, outNames);
                float[] fC = new float[spec.classes()], eC = new float[spec.architecture().embeddingDim()];
                outs.get(0).get(new int[] {0, 0}, fC); outs.get(1).get(new int[] {0, 0}, eC);
                float[] fO, eO;
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[] {1, 3, s, s});
                     OrtSession.Result r = ort.run(Map.of(OnnxExport.INPUT, t))) {
                    fO = ((float[][]) r.get(OnnxExport.FINE).get().getValue())[0];
                    eO = ((float[][]) r.get(OnnxExport.EMBEDDING).get().getValue())[0];
                }
                for (int i = 0; i < fT.length; i++) { dFineCv = Math.max(dFineCv, Math.abs(fT[i]-fC[i])); dFineOrt = Math.max(dFineOrt, Math.abs(fT[i]-fO[i])); }
                for (int i = 0; i < eT.length; i++) { dEmbCv = Math.max(dEmbCv, Math.abs(eT[i]-eC[i])); dEmbOrt = Math.max(dEmbOrt, Math.abs(eT[i]-eO[i])); }
                if (argmax(fT) == argmax(fC)) top1Cv++;
                if (argmax(fT) == argmax(fO)) top1Ort++;
                float[] prob = pm.predictInputs(List.of(in)).get(0).probabilities();
                float[] probT = softmax(fT);
                for (int i = 0; i < prob.length; i++) dProbPm = Math.max(dProbPm, Math.abs(prob[i]-probT[i]));
            }
            System.out.printf("%d photos: OpenCV max|dFine| %.2e max|dEmb| %.2e top1 %d/%d; ORT max|dFine| %.2e max|dEmb| %.2e top1 %d/%d; ProduceModel vs raw predictor prob %.1e%n",
                    photos.size(), dFineCv, dEmbCv, top1Cv, photos.size(), dFineOrt, dEmbOrt, top1Ort, photos.size(), dProbPm);
        }
        Mat bgr = Imgcodecs.imread(photos.get(7).toString());
        float[] in = Preprocessing.toPlanes(Preprocessing.centre(bgr, spec), spec.mean(), spec.std(), false);
        Mat blob = new Mat(new int[] {1, 3, s, s}, CvType.CV_32F);
        blob.put(new int[] {0, 0, 0, 0}, in);
        List<Mat> outs = new ArrayList<>();
        FloatBuffer fb = FloatBuffer.wrap(in);
        for (int r = 0; r < rounds; r++) {
            System.out.println(time("pytorch", () -> pm.predictInputs(List.of(in)), 20, 200));
            System.out.println(time("opencv", () -> { net.setInput(blob); net.forward(outs, outNames); }, 20, 200));
            System.out.println(time("ort", () -> {
                try (OnnxTensor t = OnnxTensor.createTensor(env, fb, new long[] {1, 3, s, s});
                     OrtSession.Result res = ort.run(Map.of(OnnxExport.INPUT, t))) { res.get(0); }
            }, 20, 200));
        }
        System.exit(0);
    }
    static int argmax(float[] v) { int b = 0; for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i; return b; }
    static float[] softmax(float[] v) { double m = Arrays.stream(toD(v)).max().getAsDouble(), z = 0; float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) z += Math.exp(v[i]-m); for (int i = 0; i < v.length; i++) o[i] = (float)(Math.exp(v[i]-m)/z); return o; }
    static double[] toD(float[] v) { double[] d = new double[v.length]; for (int i = 0; i < v.length; i++) d[i] = v[i]; return d; }
}
