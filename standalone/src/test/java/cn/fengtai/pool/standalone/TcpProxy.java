package cn.fengtai.pool.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback that a test can cut and restore, to take a service away from the application, and that
 * can hold every byte for a fixed time in each direction, as a network between two hosts would.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final long delayNanos;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpProxy(int targetPort) throws IOException {
        this(targetPort, 0);
    }

    /** @param delayMicros how long each byte takes from one side to the other (one way) */
    TcpProxy(int targetPort, long delayMicros) throws IOException {
        this.targetPort = targetPort;
        this.delayNanos = delayMicros * 1000;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        accept(server);
    }

    int port() {
        return port;
    }

    /** Refuses new connections and breaks the open ones, as a crashed or unreachable server would. */
    void cut() throws IOException {
        server.close();
        for (Socket socket : open) socket.close();
        open.clear();
    }

    void restore() throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        accept(server);
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    // a forwarder must not hold back small writes (Nagle's algorithm) where its two peers would not
                    client.setTcpNoDelay(true);
                    target.setTcpNoDelay(true);
                    open.add(client);
                    open.add(target);
                    pump(client, target);
                    pump(target, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                if (delayNanos == 0) in.transferTo(out);
                else delayed(in, out);
            } catch (IOException broken) {
                // one side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private record Chunk(long due, byte[] bytes) {
    }

    /** Reads as bytes come and writes each chunk once it is due, so that a delay does not limit the throughput. */
    private void delayed(InputStream in, OutputStream out) throws IOException {
        BlockingQueue<Chunk> due = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> {
            try {
                for (Chunk chunk = due.take(); chunk.bytes().length > 0; chunk = due.take()) {
                    long wait = chunk.due() - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    out.write(chunk.bytes());
                    if (due.isEmpty()) out.flush();
                }
            } catch (InterruptedException | IOException broken) {
                // one side went away
            }
        }, "tcp-proxy-delay");
        writer.setDaemon(true);
        writer.start();
        byte[] buffer = new byte[65536];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                due.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, read)));
            }
        } finally {
            due.add(new Chunk(0, new byte[0]));
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
