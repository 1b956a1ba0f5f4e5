package io.bulwark.engine.deploy;

/** The steps of deploying an agent, in order, as the console's Apply page lists them. */
public enum DeploymentStep {
    CONNECT("Connect over SSH"),
    ANALYSE("Analyse the host as root"),
    UPLOAD("Upload what the host lacks"),
    INSTALL("Install the agent"),
    CERTIFICATE("Issue the agent's certificate"),
    START("Start the agent service"),
    HEALTH("Check the agent's health"),
    ROLES("Set up the server's roles");

    private final String title;

    DeploymentStep(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
