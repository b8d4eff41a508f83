package com.migomail.webhooks.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * An endpoint on 127.0.0.1 that never answers: it accepts every connection, reads and discards what
 * arrives, and never writes, so every attempt ends in the sender's timeout. A connection the client
 * closes is closed here; beyond {@code maxOpen} held connections the oldest is closed, so a client that
 * never closes cannot exhaust file descriptors. One daemon thread. Thread-safe.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocketChannel channel;
    private final Selector selector;
    private final int maxOpen;
    private final ArrayDeque<SocketChannel> open = new ArrayDeque<>();
    private final Thread thread;
    private volatile long accepted;

    private SilentServer(ServerSocketChannel channel, Selector selector, int maxOpen) {
        this.channel = channel;
        this.selector = selector;
        this.maxOpen = maxOpen;
        this.thread = new Thread(this::run, "silent-server");
        thread.setDaemon(true);
    }

    /** Starts on an ephemeral loopback port. */
    static SilentServer start(int maxOpen) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_ACCEPT);
        SilentServer server = new SilentServer(channel, selector, maxOpen);
        server.thread.start();
        return server;
    }

    /** The URL to POST to. */
    URI uri() throws IOException {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.getLocalAddress()).getPort() + "/silent");
    }

    /** Connections accepted so far (each is at least one attempt that timed out). */
    long accepted() {
        return accepted;
    }

    private void run() {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select(1000);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    } else if (key.isValid() && key.isReadable()) {
                        discard((SocketChannel) key.channel(), key, sink);
                    }
                }
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed: the harness is over
        }
    }

    private void accept() throws IOException {
        SocketChannel client = channel.accept();
        if (client == null) {
            return;
        }
        accepted++;
        client.configureBlocking(false);
        client.register(selector, SelectionKey.OP_READ);
        open.addLast(client);
        while (open.size() > maxOpen) {
            closeQuietly(open.pollFirst());
        }
    }

    private void discard(SocketChannel client, SelectionKey key, ByteBuffer sink) {
        try {
            sink.clear();
            if (client.read(sink) < 0) {
                key.cancel();
                open.remove(client);
                client.close();
            }
        } catch (IOException e) {
            key.cancel();
            open.remove(client);
            closeQuietly(client);
        }
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        selector.close();
        thread.join(5000);
        for (SocketChannel client : open) {
            closeQuietly(client);
        }
        channel.close();
    }
}
