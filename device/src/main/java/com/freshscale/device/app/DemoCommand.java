package com.freshscale.device.app;

import com.freshscale.device.config.ConfigFile;

/** placeholder replaced below */
final class DemoCommand {
    static ConfigFile demoConfig() {
        return ConfigFile.resource("/demo/device.yaml");
    }
}
