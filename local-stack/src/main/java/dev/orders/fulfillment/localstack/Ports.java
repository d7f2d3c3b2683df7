package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

final class Ports {

    private Ports() {}

    /**
     * Fails before anything starts when a port is taken: otherwise a readiness check could be answered by whatever
     * holds the port (a stack from an earlier run, say) instead of the process just launched.
     */
    static void requireFree(int port, String owner) {
        try {
            new ServerSocket(port).close();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port " + port + " for " + owner + " is in use (is another stack running?)");
        }
    }

    static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
