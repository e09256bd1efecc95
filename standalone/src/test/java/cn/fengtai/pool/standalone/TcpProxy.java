package cn.fengtai.pool.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP forwarder on loopback that a test can cut and restore, to take a service away from the application. */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
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

    private static void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
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

    @Override
    public void close() throws IOException {
        cut();
    }
}
