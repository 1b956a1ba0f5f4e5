package io.bulwark.protocol.repositories;

public record EncryptionView(boolean enabled, boolean passwordSet, String passwordHint) {
}
