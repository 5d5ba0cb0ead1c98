package io.ssosync.testing.clerksim;

/**
 * A path prefix given by a test may be written with or without the API base ({@code /enterprise_connections}
 * or {@code /v1/enterprise_connections}); both match the same requests. A null prefix matches everything.
 */
final class PathPrefix {

    private PathPrefix() {
    }

    static boolean matches(String prefix, String fullPath, String basePath) {
        if (prefix == null) {
            return true;
        }
        String relative = fullPath.startsWith(basePath) ? fullPath.substring(basePath.length()) : fullPath;
        return fullPath.startsWith(prefix) || relative.startsWith(prefix);
    }
}
