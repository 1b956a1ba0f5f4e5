package io.bulwark.engine.entities;

/** Paths on a managed Linux host, as admins type them for repositories and datastores. */
public final class HostPaths {
    private HostPaths() {
    }

    /** Checks that {@code path} is absolute and plain; adds the problem to {@code errors} under {@code field}. */
    public static void check(FieldErrors errors, String field, String path) {
        if (path == null || errors.has(field)) {
            return;
        }
        if (!path.startsWith("/")) {
            errors.add(field, "must be an absolute path (starting with /)");
        } else if (path.length() > 1 && path.endsWith("/")) {
            errors.add(field, "must not end with /");
        } else if (path.contains("//") || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
            errors.add(field, "must not contain empty, '.' or '..' parts");
        }
    }
}
