package io.bulwark.agent.remote;

/** What each end says it is in its greeting, for the other end's log. */
final class SoftwareVersion {
    private SoftwareVersion() {
    }

    static String describe(String role) {
        String version = SoftwareVersion.class.getPackage().getImplementationVersion();
        return "Bulwark " + role + " " + (version == null ? "(development build)" : version);
    }
}
