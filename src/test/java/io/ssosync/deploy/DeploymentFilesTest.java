package io.ssosync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ssosync.testing.ImageJvmOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, .env.example and Dockerfile.jvm against each other and against the README's settings. */
class DeploymentFilesTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path DOCKERFILE = ImageJvmOptions.DOCKERFILE;
    /** A tag that names a version (digits first), or a digest. */
    private static final Pattern PINNED = Pattern.compile("[^:@]+(:(v?\\d[\\w.-]*)|@sha256:[0-9a-f]{64})");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
    }

    @Test
    void everyServiceHasAPinnedImageOrIsBuiltFromDockerfileJvm() throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = compose().get("services").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            JsonNode image = service.getValue().get("image");
            if (image == null) {
                assertEquals(DOCKERFILE.toString(), service.getValue().path("build").path("dockerfile").asText(),
                        service.getKey() + " has no image, so it must be built from " + DOCKERFILE);
            } else {
                assertTrue(PINNED.matcher(image.asText()).matches(), service.getKey() + ": " + image.asText()
                        + " is not pinned to a version or digest");
            }
        }
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndEveryDependencyAWaitCondition() throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = compose().get("services").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            boolean oneShot = "no".equals(service.getValue().path("restart").asText());
            if (!oneShot) {
                assertTrue(service.getValue().path("healthcheck").has("test"), service.getKey() + " has no health check");
            }
            for (Iterator<Map.Entry<String, JsonNode>> deps = service.getValue().path("depends_on").fields(); deps.hasNext();) {
                Map.Entry<String, JsonNode> dependency = deps.next();
                assertEquals("service_healthy", dependency.getValue().path("condition").asText(),
                        service.getKey() + " must wait for " + dependency.getKey() + " to be healthy");
            }
        }
    }

    @Test
    void theServiceGetsOnlyDocumentedVariablesAndEveryRequiredOne() throws IOException {
        DocumentedSettings settings = DocumentedSettings.read();
        Set<String> documented = settings.names();
        Set<String> required = settings.required();
        assertFalse(required.isEmpty(), "no (required) row found in README \"Configuration\"");

        Set<String> given = new TreeSet<>();
        compose().get("services").get("sso-sync").get("environment").fieldNames().forEachRemaining(given::add);
        Set<String> undocumented = new TreeSet<>(given);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "variables README \"Configuration\" does not document");
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(given);
        assertEquals(Set.of(), missing, "required variables the sso-sync service is not given");
    }

    @Test
    void everyInterpolatedVariableIsInEnvExampleAndEnvIsIgnored() throws IOException {
        Properties example = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(".env.example"), StandardCharsets.UTF_8)) {
            example.load(reader);
        }
        Set<String> used = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(Files.readString(COMPOSE));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        used.removeAll(example.stringPropertyNames());
        assertEquals(Set.of(), used, "variables docker-compose.yml reads that .env.example does not list");
        assertTrue(Files.readAllLines(Path.of(".gitignore")).contains(".env"), ".env holds secrets: .gitignore must list it");
    }

    @Test
    void theImageRunsAsANumericNonRootUserWithAHealthCheckLabelsAndAPinnedBase() throws Exception {
        List<String> lines = instructions();
        List<String> from = startingWith(lines, "FROM ");
        assertEquals(1, from.size(), "one stage");
        assertTrue(PINNED.matcher(from.get(0).substring(5).trim()).matches(), from.get(0) + " is not pinned");
        List<String> users = startingWith(lines, "USER ");
        assertFalse(users.isEmpty(), "no USER");
        String user = users.get(users.size() - 1).substring(5).trim();
        assertTrue(user.matches("[1-9]\\d*(:\\d+)?"), "the last USER must be a numeric non-root uid: " + user);
        assertTrue(startingWith(lines, "HEALTHCHECK ").stream().anyMatch(line -> line.contains("/q/health/")),
                "no HEALTHCHECK on /q/health");
        String labels = String.join("\n", startingWith(lines, "LABEL "));
        for (String label : List.of("title", "description", "source", "licenses", "version")) {
            assertTrue(labels.contains("org.opencontainers.image." + label + "="), "no OCI label " + label);
        }
        assertTrue(lines.contains("ARG VERSION=" + pomVersion()), "ARG VERSION must default to the pom's version");
    }

    /** An option this JDK does not know stops the JVM before the service starts: the image would not come up. */
    @Test
    void theJvmOptionsTheImageGivesAreOnesThisJdkStartsWith() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ImageJvmOptions.read());
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), command + " failed:\n" + output);
    }

    /** Dockerfile instructions, continuation lines joined, comments left out. */
    private static List<String> instructions() throws IOException {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
            } else {
                result.add(current.toString());
                current.setLength(0);
            }
        }
        return result;
    }

    private static List<String> startingWith(List<String> lines, String keyword) {
        return lines.stream().filter(line -> line.startsWith(keyword)).toList();
    }

    private static String pomVersion() throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        var children = document.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if ("version".equals(children.item(i).getNodeName())) {
                return children.item(i).getTextContent().trim();
            }
        }
        throw new IllegalStateException("pom.xml has no <version>");
    }
}
