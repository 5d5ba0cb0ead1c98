package io.ssosync.api;

import java.util.Map;

import io.ssosync.audit.OperatorAction;
import io.ssosync.audit.OperatorActionStore;
import io.ssosync.encryption.KeyUsage;
import io.ssosync.encryption.ReEncryption;
import io.ssosync.security.Actors;
import io.ssosync.security.Roles;
import io.ssosync.support.jdbc.Transactions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.ssosync.http.Problem;

/** Key rotation: what each encryption key still seals, and sealing everything again under the first key. */
@Tag(name = "encryption")
@Path("/api/encryption")
@Produces(MediaType.APPLICATION_JSON)
public class EncryptionResource {

    private final ReEncryption reEncryption;
    private final Transactions transactions;
    private final OperatorActionStore actions;
    private final Actors actors;

    public EncryptionResource(ReEncryption reEncryption, Transactions transactions, OperatorActionStore actions,
            Actors actors) {
        this.reEncryption = reEncryption;
        this.transactions = transactions;
        this.actions = actions;
        this.actors = actors;
    }

    @Operation(summary = "How many stored secrets each encryption key seals")
    @APIResponse(responseCode = "200", description = "the usage of each key")
    @GET
    @Path("/keys")
    @RolesAllowed({ Roles.OPERATOR, Roles.AUDITOR })
    public KeyUsage keys() {
        return reEncryption.usage();
    }

    @Operation(summary = "Seal every stored secret again under the first key", description = "In batches while the service runs; role operator.")
    @APIResponse(responseCode = "200", description = "how many values were sealed again")
    @POST
    @Path("/re-encrypt")
    @RolesAllowed(Roles.OPERATOR)
    public ReEncryption.Result reEncrypt(@QueryParam("reason") String reason) {
        String actor = actors.current();
        ReEncryption.Result result = reEncryption.run();
        transactions.run(c -> actions.append(c, new OperatorAction(actor, "encryption.re-encrypt", "encryption",
                result.usage().currentKey(), null, QueryValues.optional(reason),
                Map.of("resealed", result.resealed()))));
        return result;
    }
}
