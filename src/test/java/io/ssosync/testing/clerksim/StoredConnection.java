package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of one connection held by the simulator, for assertions.
 *
 * @param id       the Clerk id ({@code entconn_...} or {@code samlc_...})
 * @param flavour  which API it belongs to
 * @param stored   everything the simulator keeps, write-only fields included (an enterprise OIDC connection's
 *                 {@code oidc.client_secret} is here and nowhere in the API): for enterprise connections
 *                 top-level fields plus a {@code saml} or {@code oidc} object holding every IdP setting sent
 * @param response exactly what {@code GET} answers for this connection
 */
public record StoredConnection(String id, Flavour flavour, ObjectNode stored, ObjectNode response) {

    public List<String> domains() {
        List<String> domains = new ArrayList<>();
        stored.path("domains").forEach(domain -> domains.add(domain.asText()));
        return domains;
    }

    public String name() {
        return stored.path("name").asText();
    }
}
