package io.ssosync.sync.domain;

/**
 * What the service knows of one connection when an event about it arrives.
 *
 * @param desiredSpec the newest accepted spec, or null once deleted
 * @param tenantDeletedVersion the version of the tenant's deletion, or 0 if the tenant was never deleted
 */
public record ConnectionSnapshot(long desiredVersion, ConnectionSpec desiredSpec, long tenantDeletedVersion) {

    public static ConnectionSnapshot unknown(long tenantDeletedVersion) {
        return new ConnectionSnapshot(0, null, tenantDeletedVersion);
    }

    boolean isStale(long version) {
        return version <= desiredVersion || version <= tenantDeletedVersion;
    }
}
