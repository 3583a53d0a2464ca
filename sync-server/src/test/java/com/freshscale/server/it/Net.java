package com.freshscale.server.it;

import java.io.IOException;
import java.net.ServerSocket;

final class Net {
    private Net() {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
