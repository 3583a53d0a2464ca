package com.freshscale.models;

/** PyTorch engine settings that must be made before DJL loads the engine. */
final class Engines {
    private Engines() {
    }

    static void configure(int threads) {
        // never fetch anything at run time: the natives come from the pytorch-native-cpu jar
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
