package io.ssosync.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The dead-letter channel points at a Kafka that is not there (a free port nobody listens on), so that no
 * copy can ever be written; the registry topic stays on the real broker.
 */
public class UnwritableDeadLetterProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.outgoing.idp-registry-dlq.bootstrap.servers", "127.0.0.1:" + unusedPort());
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
