package io.bulwark.protocol.auth;

public record LoginRequest(String username, String password) {
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=(hidden)]";
    }
}
