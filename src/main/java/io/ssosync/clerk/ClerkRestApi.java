package io.ssosync.clerk;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Clerk's Backend API for SSO connections. {@code collection} is {@code enterprise_connections} or
 * {@code saml_connections}; both share one shape. Responses are returned raw: {@link ClerkAnswers}
 * classifies them, since an error status here is data to record, not an exception.
 */
@RegisterRestClient(configKey = "clerk")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@ClientHeaderParam(name = "Clerk-API-Version", value = "${sso-sync.clerk.api-version}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ClerkRestApi {

    @POST
    @Path("/{collection}")
    Response create(@PathParam("collection") String collection, JsonNode body);

    @PATCH
    @Path("/{collection}/{id}")
    Response update(@PathParam("collection") String collection, @PathParam("id") String id, JsonNode body);

    @DELETE
    @Path("/{collection}/{id}")
    Response delete(@PathParam("collection") String collection, @PathParam("id") String id);

    @GET
    @Path("/{collection}/{id}")
    Response get(@PathParam("collection") String collection, @PathParam("id") String id);

    /** A null {@code organizationId} is left out of the query. */
    @GET
    @Path("/{collection}")
    Response list(@PathParam("collection") String collection, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset, @QueryParam("organization_id") String organizationId);

    default String bearer() {
        return "Bearer " + ConfigProvider.getConfig().getValue("sso-sync.clerk.secret-key", String.class);
    }
}
