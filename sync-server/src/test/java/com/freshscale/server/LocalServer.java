package com.freshscale.server;

import com.freshscale.server.app.ServerApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.ZoneId;

/** A whole server for a test: embedded broker on a free port, SQLite in {@code dir}, HTTP on a free port. */
public final class LocalServer {
    private LocalServer() {}

    public static ServerApp start(Path dir, String instanceId) throws IOException {
        int mqtt;
        try (ServerSocket s = new ServerSocket(0)) {
            mqtt = s.getLocalPort();
        }
        return ServerApp.start(new ServerApp.Options(dir, "127.0.0.1", mqtt, null, "127.0.0.1", 0, null, instanceId,
                ZoneId.of("Europe/Berlin")));
    }
}
