package com.freshscale.device.app;

import com.freshscale.device.config.ConfigException;
import com.freshscale.device.store.StoreException;
import com.freshscale.device.weighing.LoadCellException;
import java.util.concurrent.Callable;

/** Expected failures of a command (bad config, no calibration, load cell fault) as one clear line and exit code 2. */
final class CommandErrors {
    static final int FAILED = 2;

    private CommandErrors() {}

    static int run(Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (ConfigException | StoreException | LoadCellException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return FAILED;
        }
    }
}
