package com.freshscale.models;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.freshscale.recognition.ModelSpec;
import com.freshscale.recognition.Prediction;
import com.freshscale.recognition.ProduceNet;
import com.freshscale.recognition.Ranking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The network being trained, predicting on PyTorch as it stands in memory: for the validation figures after
 * each epoch, which would otherwise need an ONNX export per epoch. The figures in {@code metrics.json} do not
 * come from here but from the exported {@code model.onnx} on ONNX Runtime, as the scale runs it. One thread.
 */
final class NetworkPredictor {
    private final ModelSpec spec;
    private final Model model;

    NetworkPredictor(ModelSpec spec, Model model) {
        this.spec = spec;
        this.model = model;
    }

    /** Softmax of the fine logits and the embedding of each preprocessed input (CHW floats). */
    List<Prediction> predictInputs(List<float[]> inputs) {
        int s = spec.inputSize();
        int plane = 3 * s * s;
        float[] batch = new float[inputs.size() * plane];
        for (int i = 0; i < inputs.size(); i++) System.arraycopy(inputs.get(i), 0, batch, i * plane, plane);
        // no backward graph for a forward pass that is only measured
        boolean grad = JniUtils.isGradMode();
        if (grad) JniUtils.setGradMode(false);
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
             NDManager scope = model.getNDManager().newSubManager()) {
            NDList out = predictor.predict(new NDList(scope.create(batch, new Shape(inputs.size(), 3, s, s))));
            float[] logits = out.get(ProduceNet.FINE).toFloatArray();
            float[] emb = out.get(ProduceNet.EMBEDDING).toFloatArray();
            int k = spec.classes();
            int d = spec.architecture().embeddingDim();
            List<Prediction> result = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                result.add(new Prediction(Ranking.softmax(Arrays.copyOfRange(logits, i * k, (i + 1) * k)),
                        Arrays.copyOfRange(emb, i * d, (i + 1) * d)));
            }
            return result;
        } catch (TranslateException e) {
            throw new IllegalStateException("validation forward pass failed: " + e.getMessage(), e);
        } finally {
            if (grad) JniUtils.setGradMode(true);
        }
    }
}
