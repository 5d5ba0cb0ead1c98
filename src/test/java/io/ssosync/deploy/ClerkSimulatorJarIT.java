package io.ssosync.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code target/clerk-simulator.jar} (built in {@code package}) is what docker-compose runs: it must start on its own,
 * with only the JDK and its own contents, configured by its documented variables, and answer as Clerk does.
 */
class ClerkSimulatorJarIT {

    private static final Path JAR = Path.of("target", "clerk-simulator.jar");
    private static final String KEY = "sk_test_jar_it";
    /** The line ClerkSimulatorMain prints once it listens; port 0 lets the OS pick a free port, so read it back. */
    private static final Pattern LISTENING = Pattern.compile("Clerk simulator: (http://127\\.0\\.0\\.1:\\d+/v1) ");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process simulator;
    private static Path log;
    private static String baseUrl;

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: ./mvnw package builds it");
        log = Files.createDirectories(Path.of("target", "clerk-simulator-jar")).resolve("simulator.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString());
        // Only the simulator's own variables: nothing from the build's classpath or environment may make it work.
        builder.environment().clear();
        builder.environment().put("CLERK_SIM_HOST", "127.0.0.1");
        builder.environment().put("CLERK_SIM_PORT", "0");
        builder.environment().put("CLERK_SIM_KEYS", KEY);
        builder.environment().put("CLERK_SIM_RATE_LIMIT", "50");
        simulator = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Building the OpenAPI validator from bapi.yml takes seconds on a busy machine.
        baseUrl = await("the simulator's listening line in " + log).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(ClerkSimulatorJarIT::listeningUrl, Optional::isPresent).orElseThrow();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (simulator != null) {
            simulator.destroy();
            if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
        }
    }

    @Test
    void createsAndListsConnectionsForItsKeyOnly() throws Exception {
        HttpResponse<String> created = create("{\"name\":\"Jar\",\"provider\":\"saml_custom\",\"domains\":[\"jar.example.com\"]}");
        assertEquals(201, created.statusCode(), created.body());

        HttpResponse<String> listed = send(HttpRequest.newBuilder(URI.create(baseUrl + "/enterprise_connections")).GET(), KEY);
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode page = JSON.readTree(listed.body());
        assertEquals(1, page.get("total_count").asInt(), listed.body());
        assertEquals("Jar", page.get("data").get(0).get("name").asText());
        assertEquals(JSON.readTree(created.body()).get("id"), page.get("data").get(0).get("id"));

        HttpResponse<String> wrongKey = send(HttpRequest.newBuilder(URI.create(baseUrl + "/enterprise_connections")).GET(),
                "sk_test_simulator");
        assertEquals(401, wrongKey.statusCode(), "only CLERK_SIM_KEYS open the API: " + wrongKey.body());
    }

    @Test
    void checksRequestsAgainstClerksSpec() throws Exception {
        // The validator and bapi.yml travel in the jar: a body the spec forbids is refused as Clerk would.
        HttpResponse<String> invalid = create("{\"name\":\"Jar\",\"provider\":\"saml_custom\",\"domains\":\"jar.example.com\"}");
        assertEquals(422, invalid.statusCode(), invalid.body());
        assertEquals("domains", JSON.readTree(invalid.body()).get("errors").get(0).get("meta").get("param_name").asText());
    }

    private static HttpResponse<String> create(String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/enterprise_connections"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), KEY);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String key) throws Exception {
        return HTTP.send(request.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> listeningUrl() throws IOException {
        assertTrue(simulator.isAlive(), () -> "the simulator stopped:\n" + output());
        Matcher matcher = LISTENING.matcher(output());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
