package io.ssosync.sync.domain;

import java.util.List;

/** A change announced by the IdP registry, validated against the contract. */
public sealed interface RegistryEvent {

    String tenantId();

    record ConnectionUpserted(ConnectionSpec spec) implements RegistryEvent {
        @Override
        public String tenantId() {
            return spec.tenantId();
        }
    }

    record ConnectionDeleted(String tenantId, String connectionKey, long version) implements RegistryEvent {
    }

    /** A tenant signed up; each listed connection is provisioned as if upserted. */
    record TenantCreated(String tenantId, String name, String organizationId, List<ConnectionSpec> connections)
            implements RegistryEvent {
        public TenantCreated {
            connections = connections == null ? List.of() : List.copyOf(connections);
        }
    }

    /** A tenant left; every one of its connections is deleted. */
    record TenantDeleted(String tenantId, long version) implements RegistryEvent {
    }
}
