package com.freshscale.recognition;

/** Counts the multiply-accumulates of {@link ProduceNet} from its spec (what the bench reports as model cost). */
final class Complexity {
    private Complexity() {
    }

    static double megaMacs(ModelSpec spec) {
        Architecture a = spec.architecture();
        long macs = 0;
        int res = (spec.inputSize() + 1) / 2;
        macs += (long) res * res * a.stemWidth() * 3 * 9;
        int in = a.stemWidth();
        for (int s = 0; s < a.widths().size(); s++) {
            int w = a.widths().get(s);
            for (int b = 0; b < a.blocks().get(s); b++) {
                int stride = b == 0 ? 2 : 1;
                int outRes = (res + stride - 1) / stride;
                macs += (long) outRes * outRes * w * in * 9;      // first 3×3
                macs += (long) outRes * outRes * w * w * 9;       // second 3×3
                if (in != w || stride != 1) macs += (long) outRes * outRes * w * in; // 1×1 projection
                res = outRes;
                in = w;
            }
        }
        macs += (long) in * a.embeddingDim() + (long) a.embeddingDim() * spec.classes();
        macs += (long) in * spec.coarseLabels().size();
        return macs * a.members() / 1e6;
    }
}
