package io.bulwark.protocol.users;

import io.bulwark.protocol.auth.Role;

/** Creates or changes a user. The password is required on create; on update, null keeps it. */
public record UserRequest(String username, Role role, String password) {
    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", role=" + role + ", password=(hidden)]";
    }
}
