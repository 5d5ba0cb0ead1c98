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

/** Key rotation: what each encryption key still seals, and sealing everything again under the first key. */
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

    @GET
    @Path("/keys")
    @RolesAllowed({ Roles.OPERATOR, Roles.AUDITOR })
    public KeyUsage keys() {
        return reEncryption.usage();
    }

    @POST
    @Path("/re-encrypt")
    @RolesAllowed(Roles.OPERATOR)
    public ReEncryption.Result reEncrypt(@QueryParam("reason") String reason) {
        String actor = actors.current();
        ReEncryption.Result result = reEncryption.run();
        transactions.run(c -> actions.append(c, new OperatorAction(actor, "encryption.re-encrypt", "encryption",
                result.usage().currentKey(), null, reason == null || reason.isBlank() ? null : reason,
                Map.of("resealed", result.resealed()))));
        return result;
    }
}
