package io.ssosync.testing.local;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the launcher tells the user once the service runs: where everything is and what to try next. */
final class Summary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "=".repeat(100);
    private static final List<String> SHOWN_FIELDS = List.of("object", "id", "name", "provider", "domains",
            "organization_id", "active", "authenticatable");

    private Summary() {
    }

    static void simulator(Endpoints endpoints, EventFile sample, boolean synced) throws InterruptedException {
        String connection = endpoints.api() + "/api/connections/" + sample.about();
        StringBuilder out = new StringBuilder();
        out.append('\n').append(RULE).append('\n');
        out.append(synced
                ? "sso-sync is running locally and synced the sample connection to the Clerk simulator.\n"
                : "sso-sync is running, but the sample connection did not reach SYNCED in time: see the log above.\n");
        out.append(endpoints.describe());
        out.append("\nPublished ").append(sample.file()).append(" (").append(sample.type())
                .append(", version ").append(sample.envelope().path("data").path("version")).append(").\n");
        out.append("\nThe service's view, GET ").append(connection).append(":\n");
        out.append(indent(fetch(connection, endpoints.apiToken())));
        out.append("\nWhat the Clerk simulator holds, GET ").append(endpoints.simulatorAdmin()).append("/connections")
                .append(" (shortened):\n");
        out.append(indent(simulatorConnections(endpoints.simulatorAdmin() + "/connections")));
        out.append("\nTry next, in another terminal:\n");
        out.append("  ").append(endpoints.publish("deploy/samples/acme-okta-renamed.json"))
                .append("   # rename it (version 13)\n");
        out.append("  ").append(endpoints.curl(connection)).append('\n');
        out.append("  ").append(endpoints.curl(connection + "/history")).append('\n');
        out.append("  curl -s ").append(endpoints.simulatorAdmin()).append("/connections\n");
        out.append("  curl -s ").append(endpoints.simulatorAdmin()).append("/requests\n");
        out.append("Other events to publish: deploy/samples/*.json (deleting the connection, creating and deleting"
                + " a tenant).\n");
        out.append("\nCtrl-C stops the service, the Clerk simulator and Kafka.\n");
        out.append(RULE).append('\n');
        System.out.println(out);
    }

    static void realClerk(Endpoints endpoints) {
        System.out.println("\n" + RULE + "\nsso-sync is running locally against the REAL Clerk instance of"
                + " CLERK_SECRET_KEY.\n" + endpoints.describe()
                + "\nNo sample event was published: every event you publish changes SSO connections in that"
                + " instance.\nPublish your own, starting from a copy of a file in deploy/samples/:\n  "
                + endpoints.publish("my-event.json")
                + "\nFollow it:\n  " + endpoints.curl(endpoints.api() + "/api/connections")
                + "\n\nCtrl-C stops the service and Kafka.\n" + RULE);
    }

    private static String fetch(String url, String apiToken) throws InterruptedException {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(Http.get(url, apiToken)
                    .body()));
        } catch (IOException e) {
            return "(no answer: " + e.getMessage() + ")";
        }
    }

    /** The simulator's list, each connection cut down to what identifies it, as Clerk's API would answer. */
    private static String simulatorConnections(String url) throws InterruptedException {
        try {
            ArrayNode shown = JSON.createArrayNode();
            for (JsonNode connection : JSON.readTree(Http.get(url).body())) {
                shown.add(((ObjectNode) connection.get("response")).retain(SHOWN_FIELDS));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(shown);
        } catch (IOException e) {
            return "(no answer: " + e.getMessage() + ")";
        }
    }

    private static String indent(String text) {
        return text.indent(2);
    }
}
