package com.freshscale.models;

/**
 * Hyper-parameters of one fine-tuning run.
 *
 * @param headEpochs    passes of the head alone over the cached features of the frozen backbone (phase 1)
 * @param views         backbone features cached per training image for phase 1: the centre crop and
 *                      {@code views − 1} augmented views
 * @param headLearningRate peak learning rate of phase 1 (SGD with momentum, cosine decay)
 * @param headWeightDecay L2 weight decay of phase 1: the head on ~1,800 images fits its training set within
 *                      two epochs, so it needs more than the fine-tuning's
 * @param headDropout   phase 1: fraction of the cached features dropped at random in each step (inverted
 *                      dropout, Srivastava et al. 2014), 0 = none
 * @param epochs        passes of the whole network over augmented images (phase 2); 0 = the head only
 * @param batchSize     images per step of phase 2
 * @param learningRate  peak learning rate of the backbone in phase 2, after a one-epoch warm-up, then cosine decay
 * @param firstTrainedBlock phase 2 trains the bottleneck blocks from this one up (0 = the whole network, stem
 *                      included); the ones below stay as pretrained
 * @param optimizer     phase 2's update rule: SGD with momentum 0.9, or Adam (Kingma & Ba 2015), whose
 *                      per-parameter step sizes suit a backbone whose batch norms are folded into its
 *                      convolutions (weights of very different scales, nothing to renormalise them)
 * @param headFactor    the head's learning rate in phase 2, as a multiple of {@code learningRate}
 * @param weightDecay   L2 weight decay
 * @param resizeSize    images are cached with their shorter side at this size ...
 * @param inputSize     ... and the network sees this size (a multiple of 32)
 * @param embeddingDim  length of the L2-normalised embedding (what the store gallery keeps)
 * @param smoothing     label smoothing ε
 * @param coarseWeight  weight of the coarse-label auxiliary loss
 * @param iconic        add each class's studio image to the training set
 * @param whiteBalance  white-balance jitter: largest relative gain on the red and blue channels (0 = none)
 * @param limitPerClass use at most this many training images per class (0 = all; smoke tests)
 * @param seed          seed of shuffling, augmentation and initialisation
 */
record TrainingPlan(int headEpochs, int views, float headLearningRate, float headWeightDecay, float headDropout,
                    int epochs, int batchSize, float learningRate,
                    int firstTrainedBlock, Optimizer optimizer, float headFactor, float weightDecay, int resizeSize, int inputSize, int embeddingDim, float smoothing,
                    float coarseWeight, boolean iconic, float whiteBalance, int limitPerClass, long seed) {
    /** Phase 2's update rule. */
    enum Optimizer { SGD, ADAM }

    TrainingPlan {
        if (headEpochs < 1 || views < 1 || headLearningRate <= 0 || headWeightDecay < 0 || headDropout < 0 || headDropout >= 1 || epochs < 0 || batchSize < 2 || learningRate <= 0
                || optimizer == null || firstTrainedBlock < 0 || firstTrainedBlock > com.freshscale.recognition.MobileNetV2.BLOCKS || headFactor <= 0 || weightDecay < 0 || inputSize < 32 || inputSize % 32 != 0 || resizeSize < inputSize
                || embeddingDim < 2 || smoothing < 0 || smoothing >= 1 || coarseWeight < 0
                || whiteBalance < 0 || whiteBalance >= 1) {
            throw new IllegalArgumentException("invalid training plan: " + this);
        }
    }
}
