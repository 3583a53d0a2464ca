package com.freshscale.models;

import com.freshscale.recognition.Architecture;

/**
 * Hyper-parameters of one training run.
 *
 * @param epochs        passes over the training split
 * @param batchSize     images per step
 * @param learningRate  peak learning rate (SGD with momentum), reached after a linear warm-up, then cosine decay
 * @param weightDecay   L2 weight decay
 * @param resizeSize    images are cached at this size ...
 * @param inputSize     ... and the network sees this size
 * @param architecture  network shape
 * @param smoothing     label smoothing ε
 * @param coarseWeight  weight of the coarse-label auxiliary loss
 * @param iconic        add each class's studio image to the training set
 * @param whiteBalance  white-balance jitter: largest relative gain on the red and blue channels (0 = none)
 * @param mixup         mixup Beta(α, α) parameter; 0 = no mixup
 * @param limitPerClass use at most this many training images per class (0 = all; smoke tests)
 * @param seed          seed of shuffling, augmentation and initialisation
 */
record TrainingPlan(int epochs, int batchSize, float learningRate, float weightDecay, int resizeSize, int inputSize,
                    Architecture architecture, float smoothing, float coarseWeight, boolean iconic, float whiteBalance, float mixup, int limitPerClass,
                    long seed) {
    TrainingPlan {
        if (epochs < 1 || batchSize < 2 || learningRate <= 0 || inputSize < 16 || resizeSize < inputSize || mixup < 0
                || whiteBalance < 0 || whiteBalance >= 1) {
            throw new IllegalArgumentException("invalid training plan");
        }
    }
}
