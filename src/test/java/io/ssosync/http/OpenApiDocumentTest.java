package io.ssosync.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.SyncStack;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The OpenAPI document names every endpoint the JAX-RS resources serve (found by reflection, so that an endpoint
 * added without documentation fails here), each with a summary, its answers and the scheme that guards it.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An endpoint as the resources declare it. */
    record Endpoint(String method, String path) {
    }

    @Test
    void documentListsEveryEndpointWithSummaryAnswersAndSecurity() throws Exception {
        JsonNode document = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        List<Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() >= 20, endpoints.toString());
        for (Endpoint endpoint : endpoints) {
            JsonNode operation = document.path("paths").path(endpoint.path()).path(endpoint.method());
            assertFalse(operation.isMissingNode(), "undocumented: " + endpoint);
            assertFalse(operation.path("summary").asText().isBlank(), "no summary: " + endpoint);
            assertTrue(operation.path("responses").has("200"), "no success answer: " + endpoint);
            assertEquals("#/components/schemas/Problem", operation.path("responses").path("400").path("content")
                    .path(Problem.MEDIA_TYPE).path("schema").path("$ref").asText(), "no problem answer: " + endpoint);
            String scheme = endpoint.path().startsWith("/api/") ? OpenApiConventions.BEARER
                    : OpenApiConventions.WEBHOOK_SIGNATURE;
            assertTrue(operation.path("security").path(0).has(scheme), endpoint + " names " + scheme);
            if (endpoint.path().startsWith("/api/")) {
                assertTrue(operation.path("responses").has("401") && operation.path("responses").has("403"),
                        endpoint.toString());
            }
        }
        assertEquals("sso-sync", document.path("info").path("title").asText());
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertEquals("bearer", schemes.path(OpenApiConventions.BEARER).path("scheme").asText());
        assertEquals("webhook-signature", schemes.path(OpenApiConventions.WEBHOOK_SIGNATURE).path("name").asText());
        assertEquals("header", schemes.path(OpenApiConventions.WEBHOOK_SIGNATURE).path("in").asText());
    }

    @Test
    void swaggerUiIsServed() {
        given().redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200);
    }

    /** Every resource method under io.ssosync.api and io.ssosync.webhook, with its full path. */
    private static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (JavaClass imported : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ssosync.api", "io.ssosync.webhook")) {
            Class<?> resource = imported.reflect();
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                endpoints.add(new Endpoint(verb.toLowerCase(Locale.ROOT), join(root.value(), sub == null ? "" : sub.value())));
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
