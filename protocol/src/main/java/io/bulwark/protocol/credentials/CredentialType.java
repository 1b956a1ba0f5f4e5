package io.bulwark.protocol.credentials;

/** How Bulwark logs in to a managed Linux server over SSH. */
public enum CredentialType {
    PASSWORD,
    PRIVATE_KEY
}
