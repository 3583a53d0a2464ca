package com.freshscale.device.label.printer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A printer on a real TCP port, like one on 9100: answers a status query with {@code statusReply} (none if
 * null), then records everything the client sends until it closes its side.
 */
final class TestNetworkPrinter implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    final List<byte[]> jobs = new CopyOnWriteArrayList<>();
    volatile byte[] statusReply;
    volatile int statusRequestLength;

    TestNetworkPrinter() throws IOException {
        server = new ServerSocket(0);
        acceptor = new Thread(this::serve, "test-printer-9100");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                if (statusRequestLength > 0) {
                    in.readNBytes(statusRequestLength);
                    if (statusReply == null) {
                        in.readAllBytes(); // say nothing: the client must time out
                        continue;
                    }
                    s.getOutputStream().write(statusReply);
                    s.getOutputStream().flush();
                }
                ByteArrayOutputStream job = new ByteArrayOutputStream();
                in.transferTo(job);
                if (job.size() > 0) jobs.add(job.toByteArray());
            } catch (IOException e) {
                // connection dropped or server closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
