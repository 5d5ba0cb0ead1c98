package io.ssosync.crypto;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.SampleCertificates;

/**
 * After a run with known secret values (an OIDC client secret, an IdP certificate, IdP metadata, and rejected
 * events holding them in nested and base64 data), none of them is found in a dump of the database, in any API
 * answer or in the log.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class SecretsAtRestTest extends PipelineTest {

    private static final String CLIENT_SECRET = "at-rest-client-secret-5b1d0c";
    private static final String METADATA_MARKER = "at-rest-metadata-9e4f27";
    /** One line of the certificate's body: all of it is secret, any line of it would show it in clear. */
    private static final String CERTIFICATE_LINE = SampleCertificates.IDP_2.lines().map(String::strip)
            .filter(line -> line.length() == 64).skip(2).findFirst().orElseThrow();

    @Test
    void noSecretIsInTheDatabaseDumpTheApiOrTheLog() throws Exception {
        ObjectNode oidc = ConnectionSpecs.oidc(tenant, key("oidc")).domains(domain("oidc")).clientSecret(CLIENT_SECRET)
                .build();
        ObjectNode saml = ConnectionSpecs.saml(tenant, key("saml")).domains(domain("saml"))
                .certificate(SampleCertificates.IDP_2)
                .with(spec -> ((ObjectNode) spec.get("saml")).put("idpMetadata",
                        "<EntityDescriptor entityID=\"" + METADATA_MARKER + "\"/>"))
                .build();
        publisher.structured(RegistryEvents.upserted(oidc));
        publisher.binary(RegistryEvents.upserted(saml));
        // Two that break the contract and carry the secrets: data as a JSON string, and data_base64.
        ObjectNode broken = ConnectionSpecs.oidc(tenant, key("broken")).domains("Upper.Example.COM")
                .clientSecret(CLIENT_SECRET).build();
        ObjectNode asString = RegistryEvents.upserted(broken).envelope();
        asString.put("data", broken.toString());
        publisher.publish(tenant, CloudEvents.fromEnvelope(asString).structured());
        ObjectNode asBase64 = RegistryEvents.upserted(broken).envelope();
        asBase64.remove("data");
        asBase64.put("data_base64", Base64.getEncoder().encodeToString(broken.toString().getBytes(UTF_8)));
        publisher.publish(tenant, CloudEvents.fromEnvelope(asBase64).structured());

        awaitStatus(key("oidc"), "SYNCED");
        awaitStatus(key("saml"), "SYNCED");
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from rejected_event") == 2);

        assertNoSecretIn("pg_dump of " + TestDatabase.NAME, dump());
        List<String> answers = new ArrayList<>();
        answers.add(given().get("/api/connections").then().statusCode(200).extract().asString());
        for (String name : List.of("oidc", "saml")) {
            answers.add(given().get("/api/connections/" + key(name)).then().statusCode(200).extract().asString());
            answers.add(given().get("/api/connections/" + key(name) + "/history").then().statusCode(200).extract()
                    .asString());
        }
        String rejected = given().get("/api/rejected-events").then().statusCode(200).extract().asString();
        answers.add(rejected);
        for (Object id : io.restassured.path.json.JsonPath.from(rejected).getList("id")) {
            answers.add(given().get("/api/rejected-events/" + id).then().statusCode(200).extract().asString());
        }
        for (String answer : answers) {
            assertNoSecretIn("API answer " + answer, answer);
        }
        assertNoSecretIn("the log", Files.readString(Path.of("target", "quarkus-test.log"), UTF_8));
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : List.of(CLIENT_SECRET, METADATA_MARKER, CERTIFICATE_LINE)) {
            assertTrue(!text.contains(secret) && !text.contains(Base64.getEncoder().encodeToString(secret.getBytes(UTF_8))),
                    where + " shows " + secret);
        }
    }

    private String dump() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "--data-only", "-h", "127.0.0.1", "-U", TestDatabase.USER,
                TestDatabase.NAME).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", TestDatabase.PASSWORD);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains(key("oidc")), "the dump holds the run's rows");
        return out;
    }
}
