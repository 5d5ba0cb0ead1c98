package io.ssosync.ingest;

import java.util.Set;

/** The event types of the IdP registry contract. */
public final class EventTypes {

    public static final String CONNECTION_UPSERTED = "idp.connection.upserted";
    public static final String CONNECTION_DELETED = "idp.connection.deleted";
    public static final String TENANT_CREATED = "tenant.created";
    public static final String TENANT_DELETED = "tenant.deleted";

    /** Same meaning as {@link #CONNECTION_UPSERTED}: the data is always the full desired state. */
    static final Set<String> UPSERT_ALIASES = Set.of(CONNECTION_UPSERTED, "idp.connection.created",
            "idp.connection.updated");

    private EventTypes() {
    }
}
