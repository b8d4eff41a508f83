package com.migomail.webhooks.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback that forwards nothing: it records the request line of every request it
 * gets, answers {@code 204} to a plain-HTTP (absolute-form) request and {@code 403} to a
 * {@code CONNECT}, and closes the connection.
 */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RecordingProxy() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    }

    /** The request lines seen, e.g. {@code POST http://127.0.0.1:8080/hook HTTP/1.1}. */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                answer(connection);
            } catch (IOException e) {
                // closed, or a client that went away: next connection
            }
        }
    }

    private void answer(Socket connection) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        if (requestLine == null) {
            return;
        }
        requestLines.add(requestLine);
        int contentLength = 0;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
        }
        in.skip(contentLength);
        OutputStream out = connection.getOutputStream();
        String response = requestLine.startsWith("CONNECT ")
                ? "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                : "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
