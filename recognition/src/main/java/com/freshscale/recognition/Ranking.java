package com.freshscale.recognition;

/** Small helpers over score vectors. */
public final class Ranking {
    private Ranking() {
    }

    /** Indices of the {@code k} largest scores, largest first (ties: lower index first). */
    public static int[] topK(float[] scores, int k) {
        int n = Math.min(k, scores.length);
        int[] best = new int[n];
        int filled = 0;
        for (int i = 0; i < scores.length; i++) {
            int pos = filled;
            while (pos > 0 && scores[best[pos - 1]] < scores[i]) pos--;
            if (pos >= n) continue;
            int end = Math.min(filled, n - 1);
            System.arraycopy(best, pos, best, pos + 1, end - pos);
            best[pos] = i;
            if (filled < n) filled++;
        }
        return best;
    }

    public static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        float[] p = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) p[i] /= (float) sum;
        return p;
    }

    public static float[] l2Normalised(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        float inv = (float) (1 / Math.max(Math.sqrt(s), 1e-12));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }
}
