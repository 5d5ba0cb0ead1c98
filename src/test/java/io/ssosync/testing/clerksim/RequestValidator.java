package io.ssosync.testing.clerksim;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import com.atlassian.oai.validator.report.ValidationReport.MessageContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks each request against Clerk's published OpenAPI spec ({@code clerk/bapi.yml} on the test classpath) and
 * turns violations into Clerk's 422 errors. Building the validator parses a 740 KB spec (seconds), so one
 * instance is shared by every simulator in the JVM and warmed up once.
 */
final class RequestValidator {

    /** The spec's server is {@code https://api.clerk.com/v1}: the validator matches paths below {@code /v1}. */
    private static final String SPEC_BASE_PATH = "/v1";
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern PATH_PREFIX = Pattern.compile("^\\[Path '[^']*'] ");

    private static volatile RequestValidator shared;

    private final OpenApiInteractionValidator validator;
    private final Duration startupTime;

    private RequestValidator() {
        long start = System.nanoTime();
        // Auth, rate limits and routing are the simulator's own (see SimulatorHttpHandler).
        LevelResolver levels = LevelResolver.create()
                .withLevel("validation.request.security", Level.IGNORE)
                .withLevel("validation.request.path.missing", Level.IGNORE)
                .withLevel("validation.request.operation.notAllowed", Level.IGNORE)
                .withLevel("validation.request.accept", Level.IGNORE)
                .build();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(readSpec())
                .withLevelResolver(levels)
                .build();
        warmUp();
        startupTime = Duration.ofNanos(System.nanoTime() - start);
    }

    static RequestValidator shared() {
        RequestValidator instance = shared;
        if (instance == null) {
            synchronized (RequestValidator.class) {
                instance = shared;
                if (instance == null) {
                    instance = new RequestValidator();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    Duration startupTime() {
        return startupTime;
    }

    /** Returns the Clerk errors for every violation; empty when the request conforms. */
    List<ClerkError> validate(String method, String path, Map<String, List<String>> query, String contentType,
                              String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, SPEC_BASE_PATH + path);
        query.forEach(request::withQueryParam);
        if (body != null) {
            request.withBody(body).withContentType(contentType);
        }
        ValidationReport report = validator.validateRequest(request.build());
        List<ClerkError> errors = new ArrayList<>();
        for (Message message : report.getMessages()) {
            if (message.getLevel() == Level.ERROR) {
                errors.addAll(toClerkErrors(message));
            }
        }
        return errors;
    }

    private static List<ClerkError> toClerkErrors(Message message) {
        String key = message.getKey();
        // Parser messages run on over several lines of Jackson detail; the first line says what is wrong.
        String text = PATH_PREFIX.matcher(message.getMessage().lines().findFirst().orElse("")).replaceFirst("");
        String parent = message.getContext().flatMap(MessageContext::getPointers)
                .map(MessageContext.Pointers::getInstance).map(RequestValidator::paramName).orElse("");
        if (key.endsWith(".schema.required")) {
            return quotedNames(text).stream().map(name -> ClerkErrors.missing(join(parent, name))).toList();
        }
        if (key.endsWith(".schema.additionalProperties")) {
            return quotedNames(text).stream().map(name -> ClerkErrors.unknown(join(parent, name))).toList();
        }
        if (key.endsWith(".schema.anyOf") && message.getNestedMessages().stream()
                .allMatch(nested -> nested.getKey().endsWith(".schema.required"))) {
            // Only the legacy create uses anyOf (`domain` or `domains`): name the alternative that is not deprecated.
            List<String> alternatives = message.getNestedMessages().stream()
                    .flatMap(nested -> quotedNames(nested.getMessage()).stream()).toList();
            String param = join(parent, alternatives.get(alternatives.size() - 1));
            return List.of(ClerkError.forParam("form_param_missing", param, param + " is missing",
                    "One of " + String.join(", ", alternatives) + " is required."));
        }
        if (key.startsWith("validation.request.parameter")) {
            String param = message.getContext().flatMap(MessageContext::getParameter)
                    .map(p -> p.getName()).orElse("query");
            return List.of(ClerkErrors.formatInvalid(param, param + ": " + text));
        }
        if (key.startsWith("validation.request.contentType")) {
            return List.of(ClerkErrors.formatInvalid("Content-Type", text));
        }
        if (key.equals("validation.request.body.missing")) {
            return List.of(ClerkErrors.missing("body"));
        }
        String param = parent.isEmpty() ? "body" : parent;
        return List.of(ClerkErrors.formatInvalid(param, param + ": " + text));
    }

    /**
     * What in a response disagrees with the spec's response schema: the simulator's own tests use this to keep
     * its answers faithful.
     */
    List<String> responseViolations(String method, String path, int status, String body) {
        Response response = SimpleResponse.Builder.status(status)
                .withContentType("application/json").withBody(body).build();
        return validator.validateResponse(SPEC_BASE_PATH + path, Request.Method.valueOf(method), response)
                .getMessages().stream()
                .filter(message -> message.getLevel() == Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage())
                .toList();
    }

    /** {@code /saml/attribute_mapping} becomes {@code saml.attribute_mapping}, {@code /a/0/b} becomes {@code a[0].b}. */
    private static String paramName(String pointer) {
        StringBuilder name = new StringBuilder();
        for (String token : pointer.split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String unescaped = token.replace("~1", "/").replace("~0", "~");
            if (unescaped.chars().allMatch(Character::isDigit)) {
                name.append('[').append(unescaped).append(']');
            } else {
                name.append(name.length() == 0 ? "" : ".").append(unescaped);
            }
        }
        return name.toString();
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static List<String> quotedNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String readSpec() {
        try (InputStream in = RequestValidator.class.getResourceAsStream("/clerk/bapi.yml")) {
            if (in == null) {
                throw new IllegalStateException("clerk/bapi.yml is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first validations of each kind take up to a second; pay that at start-up, not inside a client timeout. */
    private void warmUp() {
        validate("POST", "/enterprise_connections", Map.of(), "application/json",
                "{\"name\":\"w\",\"provider\":\"saml_custom\",\"domains\":[\"warm.example\"]}");
        validate("PATCH", "/enterprise_connections/entconn_warm", Map.of(), "application/json", "{\"name\":\"w\"}");
        validate("POST", "/saml_connections", Map.of(), "application/json",
                "{\"name\":\"w\",\"provider\":\"saml_custom\",\"domain\":\"warm.example\"}");
        validate("PATCH", "/saml_connections/samlc_warm", Map.of(), "application/json", "{\"name\":\"w\"}");
        validate("GET", "/enterprise_connections", Map.of("limit", List.of("10"), "active", List.of("true")), null, null);
        validate("GET", "/saml_connections", Map.of("organization_id", List.of("org_1")), null, null);
    }
}
