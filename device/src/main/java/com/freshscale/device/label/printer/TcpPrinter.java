package com.freshscale.device.label.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * A network printer on its raw port (9100, "JetDirect"/"AppSocket"): connect, optionally ask its status in
 * its language, send the job, close. One connection per label keeps no state to go stale between sales.
 */
public final class TcpPrinter implements LabelPrinter {
    private final String host;
    private final int port;
    private final Duration timeout;
    private final StatusQuery statusQuery;

    /** @param statusQuery the status request to send first, or null to send the job unasked */
    public TcpPrinter(String host, int port, Duration timeout, StatusQuery statusQuery) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.statusQuery = statusQuery;
    }

    @Override
    public synchronized void print(byte[] job) throws PrinterException {
        int ms = (int) timeout.toMillis();
        // until the first byte of the job is written nothing can print; after it, a fault leaves the label's fate unknown
        // (the printer may have taken it all and only its answer or the close timed out)
        boolean sending = false;
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), ms);
            } catch (UnknownHostException e) {
                throw PrinterException.notSent(PrinterFault.OFFLINE, "printer host " + host + " is unknown", e);
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                throw PrinterException.notSent(PrinterFault.OFFLINE, "printer " + describe() + " does not answer: " + e.getMessage(), e);
            }
            socket.setSoTimeout(ms);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            if (statusQuery != null) {
                Optional<PrinterException> fault = askStatus(socket, out);
                if (fault.isPresent()) throw fault.get().beforeSending();
            }
            sending = true;
            out.write(job);
            out.flush();
            socket.shutdownOutput();
        } catch (PrinterException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            String m = "printer " + describe() + " did not answer within " + ms + " ms";
            throw sending ? new PrinterException(PrinterFault.TIMEOUT, m, e) : PrinterException.notSent(PrinterFault.TIMEOUT, m, e);
        } catch (IOException e) {
            String m = "connection to printer " + describe() + " failed: " + e.getMessage();
            throw sending ? new PrinterException(PrinterFault.OFFLINE, m, e) : PrinterException.notSent(PrinterFault.OFFLINE, m, e);
        }
    }

    /**
     * Connects and, with a status query, asks the printer's state (nothing is printed): a printer that does
     * not take the connection is offline.
     */
    @Override
    public synchronized Optional<PrinterException> status() {
        int ms = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), ms);
            if (statusQuery == null) return Optional.empty();
            socket.setSoTimeout(ms);
            return askStatus(socket, socket.getOutputStream());
        } catch (SocketTimeoutException e) {
            return Optional.of(new PrinterException(PrinterFault.OFFLINE, "printer " + describe() + " does not answer", e));
        } catch (IOException e) {
            return Optional.of(new PrinterException(PrinterFault.OFFLINE, "printer " + describe() + " does not answer: " + e.getMessage(), e));
        }
    }

    private Optional<PrinterException> askStatus(Socket socket, OutputStream out) throws IOException {
        out.write(statusQuery.request());
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] reply = new byte[512];
        int length = 0;
        while (!statusQuery.complete(reply, length)) {
            if (length == reply.length) throw new IOException("status reply too long");
            int n = in.read(reply, length, reply.length - length); // SocketTimeoutException after the timeout
            if (n < 0) throw new IOException("printer closed the connection during the status query");
            length += n;
        }
        return statusQuery.fault(reply, length);
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }
}
