package io.bulwark.protocol.auth;

/**
 * What a user may do. Each role includes everything the roles below it may do:
 * an Administrator changes the configuration, an Operator runs jobs and restores, a Viewer looks.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMINISTRATOR;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
