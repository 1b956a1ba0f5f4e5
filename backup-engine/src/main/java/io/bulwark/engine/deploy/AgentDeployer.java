package io.bulwark.engine.deploy;

import io.bulwark.engine.ca.AgentIdentity;
import io.bulwark.engine.ca.EngineAuthority;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.ssh.CommandResult;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.engine.ssh.RemoteFiles;
import io.bulwark.engine.ssh.ShellQuoting;
import io.bulwark.engine.ssh.SshConnection;
import io.bulwark.installer.BundleManifest;
import io.bulwark.installer.HostAnalysis;
import io.bulwark.installer.InstallerOutput;
import io.bulwark.installer.InstallerScript;
import io.bulwark.installer.ServiceState;
import io.bulwark.protocol.control.AgentHealth;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.tls.CertificateFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the agent to a managed server, as Veeam's installer service does: connect, analyse,
 * upload only what the host lacks, install, issue the agent's certificate, start, and check its
 * health over the control channel. Each step is idempotent, so running it again changes nothing
 * on an up-to-date host and finishes whatever an interrupted run left.
 */
public class AgentDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDeployer.class);
    /** The folder in the SSH account's home where the installer and the bundle are staged. */
    public static final String STAGING = ".bulwark-staging";
    /** How long a freshly started agent may take to answer its first health check. */
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    /** How long a removal waits for another removal of the same agent to end. */
    private static final Duration REMOVAL_WAIT = Duration.ofMinutes(5);

    private final ServerService servers;
    private final ServerAccess access;
    private final AgentControl control;
    private final EngineAuthority authority;
    private final EngineSettings settings;
    private final Supplier<List<String>> knownDatastores;
    private final RoleSetup roles;
    private final Clock clock;
    private final Map<UUID, DeploymentLog> deployments = new ConcurrentHashMap<>();
    /** Held while a server's agent is removed: a deployment then would race the removal on the host. */
    private final Map<UUID, ReentrantLock> removals = new ConcurrentHashMap<>();

    public AgentDeployer(ServerService servers, ServerAccess access, AgentControl control, EngineAuthority authority,
                         EngineSettings settings, Supplier<List<String>> knownDatastores, RoleSetup roles,
                         Clock clock) {
        this.servers = servers;
        this.access = access;
        this.control = control;
        this.authority = authority;
        this.settings = settings;
        this.knownDatastores = knownDatastores;
        this.roles = roles;
        this.clock = clock;
    }

    /** Starts a deployment in the background, or returns the one already running. */
    public DeploymentView deploy(UUID serverId) {
        ServerView server = servers.get(serverId);
        if (server.builtIn()) {
            throw new ConflictException("'" + server.name() + "' is the backup server itself; its roles run inside "
                    + "the engine and need no deployment.");
        }
        ReentrantLock removal = removals.get(serverId);
        if (removal != null && removal.isLocked()) {
            throw new ConflictException("The agent is being removed from '" + server.name() + "'. Deploy again when "
                    + "the removal has ended.");
        }
        DeploymentLog log = deployments.compute(serverId, (id, current) -> current != null && current.running()
                ? current : new DeploymentLog(id, clock, () -> access.touched(id)));
        if (log.view().log().isEmpty()) {
            Thread.ofVirtual().name("deploy " + server.name()).start(() -> run(serverId, log));
        }
        return log.view();
    }

    /** The latest deployment to a server since the engine started: running or ended, with its step log. */
    public DeploymentView deployment(UUID serverId) {
        DeploymentLog log = deployments.get(serverId);
        if (log == null) {
            throw new NotFoundException("No deployment to '" + servers.get(serverId).name() + "' has run since the "
                    + "engine started.");
        }
        return log.view();
    }

    /**
     * Waits until no deployment to the server is running, at most {@code limit}; whether none is.
     * A deployment's last step sets up the roles, after the agent already reads as ready.
     */
    public boolean awaitNoDeployment(UUID serverId, Duration limit) throws InterruptedException {
        Instant deadline = clock.instant().plus(limit);
        DeploymentLog log = deployments.get(serverId);
        while (log != null && log.running()) {
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Analyses the host again and checks its agent: the Rescan action. */
    public ServerView rescan(UUID serverId) {
        try (SshConnection ssh = access.connect(serverId); RemoteFiles files = ssh.files()) {
            HostAnalysis analysis = analyse(ssh, files, stagingOf(files), bundleVersionOrNull());
            servers.updateFacts(serverId, analysis.facts());
            refreshAgentState(serverId, analysis);
            return servers.get(serverId);
        }
    }

    /**
     * Uninstalls the agent and everything of Bulwark from the host (service, bundle, keys, logs, the
     * staging folder), leaving the server ready to be forgotten. With {@code force}, a host that
     * cannot be reached is given up on: what is on it stays, and the server is marked as having no
     * agent so that it can be removed. A removal already under way (the server's last role went) is
     * waited for rather than run twice.
     */
    public void removeAgent(UUID serverId, boolean force) {
        ReentrantLock removal = removals.computeIfAbsent(serverId, id -> new ReentrantLock());
        try {
            if (!removal.tryLock(REMOVAL_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new ConflictException("The agent on '" + servers.get(serverId).name() + "' has been in removal "
                        + "for over " + REMOVAL_WAIT.toMinutes() + " minutes. Try again later.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the removal of an agent", e);
        }
        try {
            ServerView server = servers.requireRemovable(serverId);
            DeploymentLog running = deployments.get(serverId);
            if (running != null && running.running()) {
                throw new ConflictException("A deployment to '" + server.name() + "' is running. Wait for it to end, "
                        + "then remove the server.");
            }
            if (server.agent() != null && server.agent().state() != AgentState.NOT_INSTALLED) {
                uninstall(server, force);
            }
        } finally {
            removal.unlock();
        }
    }

    private void uninstall(ServerView server, boolean force) {
        UUID serverId = server.id();
        AgentStatus before = server.agent();
        access.markAgent(serverId, AgentState.REMOVING, "Removing the agent.");
        try (SshConnection ssh = access.connect(serverId); RemoteFiles files = ssh.files()) {
            String staging = stagingOf(files);
            stageInstaller(ssh, files, staging);
            installer(ssh, staging, "remove", "--staging", staging);
            access.markAgent(serverId, AgentState.NOT_INSTALLED, null);
        } catch (HostAccessException e) {
            if (force) {
                LOG.warn("Forgetting server {} without removing its agent: {}", server.name(), e.getMessage());
                access.markAgent(serverId, AgentState.NOT_INSTALLED, "Removal forced: " + e.getMessage());
                return;
            }
            access.recordAgent(serverId, before.with(e.problem() == HostProblem.HOST_KEY_CHANGED
                    ? AgentState.HOST_KEY_CHANGED : before.state(), "Removing the agent failed: " + e.getMessage(),
                    clock.instant()));
            throw e;
        }
    }

    private void run(UUID serverId, DeploymentLog log) {
        DeploymentStep step = DeploymentStep.CONNECT;
        try {
            AgentBundle bundle = AgentBundle.locate(settings);
            access.markAgent(serverId, AgentState.INSTALLING, "Deploying agent " + bundle.version() + ".");
            log.step(step);
            ServerView server = servers.get(serverId);
            try (SshConnection ssh = access.connect(serverId); RemoteFiles files = ssh.files()) {
                log.info(step, ssh.isRoot() ? "Logged in as root." : "Logged in as '" + ssh.username()
                        + "'; the installer runs through sudo.");
                String staging = stagingOf(files);

                step = DeploymentStep.ANALYSE;
                log.step(step);
                HostAnalysis analysis = analyse(ssh, files, staging, bundle.version());
                server = servers.updateFacts(serverId, analysis.facts());
                log.info(step, describe(analysis));
                checkArchitecture(analysis, bundle);
                if (upToDate(server, analysis, bundle, log)) {
                    setUpRoles(serverId, log);
                    log.succeeded("Agent " + bundle.version() + " is installed, running and healthy: nothing to do.");
                    return;
                }

                step = DeploymentStep.UPLOAD;
                log.step(step);
                upload(files, staging, analysis, bundle, log);

                step = DeploymentStep.INSTALL;
                log.step(step);
                InstallerOutput installed = installer(ssh, staging, "install", "--staging", staging, "--version",
                        bundle.version(), "--control-port", String.valueOf(server.ports().controlPort()),
                        "--data-ports", server.ports().dataPortFirst() + "-" + server.ports().dataPortLast());
                log.info(step, "true".equals(installed.first("changed"))
                        ? "Installed agent " + bundle.version() + " (" + installed.first("files.copied") + " files copied, "
                        + installed.first("files.kept") + " kept)."
                        : "Agent " + bundle.version() + " was installed already.");

                step = DeploymentStep.CERTIFICATE;
                log.step(step);
                String fingerprint = certify(ssh, files, staging, server);
                log.info(step, "The engine's CA signed the agent's certificate request; the private key stayed on "
                        + "the host.");

                step = DeploymentStep.START;
                log.step(step);
                InstallerOutput started = installer(ssh, staging, "restart");
                log.info(step, "systemd".equals(started.first("manager")) ? "The agent service runs under systemd."
                        : "The agent runs under Bulwark's supervisor" + ("sysv".equals(started.first("boot"))
                        ? ", started at boot by /etc/init.d/bulwark-agent." : "."));
                if ("none".equals(started.first("boot"))) {
                    log.warning(step, "The host has neither systemd nor SysV init scripts: the agent will not start by "
                            + "itself after a reboot. Deploy again after one, or start it from the host's boot scripts.");
                }

                step = DeploymentStep.HEALTH;
                log.step(step);
                AgentHealth health = awaitHealth(server, ssh, staging);
                access.recordAgent(serverId, new AgentStatus(AgentState.READY, null, health.version(), fingerprint,
                        clock.instant()));
                log.info(step, "Agent " + health.version() + " on " + health.hostname() + " answers.");

                step = DeploymentStep.ROLES;
                setUpRoles(serverId, log);
                log.succeeded("Agent " + health.version() + " on " + health.hostname() + " is ready.");
            }
        } catch (HostAccessException e) {
            fail(serverId, log, step, e.getMessage(), e.problem() == HostProblem.HOST_KEY_CHANGED
                    ? AgentState.HOST_KEY_CHANGED : AgentState.FAILED);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Deploying to server {} failed at {}", serverId, step, e);
            fail(serverId, log, step, String.valueOf(e.getMessage()), AgentState.FAILED);
        }
    }

    private void setUpRoles(UUID serverId, DeploymentLog log) {
        log.step(DeploymentStep.ROLES);
        for (RoleSetup.Outcome outcome : roles.setUp(servers.get(serverId))) {
            if (outcome.failed()) {
                log.warning(DeploymentStep.ROLES, outcome.text());
            } else {
                log.info(DeploymentStep.ROLES, outcome.text());
            }
        }
    }

    private void fail(UUID serverId, DeploymentLog log, DeploymentStep step, String message, AgentState state) {
        log.failed(step, message);
        access.markAgent(serverId, state, step.title() + " failed: " + message);
    }

    private String stagingOf(RemoteFiles files) {
        String staging = files.home() + "/" + STAGING;
        files.makeDirectories(staging);
        return staging;
    }

    /** Puts the installer script in the staging folder unless the same one is there already. */
    private static String stageInstaller(SshConnection ssh, RemoteFiles files, String staging) {
        String script = staging + "/" + InstallerScript.FILE_NAME;
        CommandResult hash = ssh.run("sha256sum " + ShellQuoting.quote(script) + " 2>/dev/null");
        if (!hash.succeeded() || !hash.stdout().startsWith(InstallerScript.sha256())) {
            files.write(script, InstallerScript.bytes());
        }
        return script;
    }

    /** @param deploying the agent version about to be deployed, if known: when it is installed, staged files are not read */
    private HostAnalysis analyse(SshConnection ssh, RemoteFiles files, String staging, String deploying) {
        String script = stageInstaller(ssh, files, staging);
        List<String> words = new ArrayList<>(List.of("sh", script, "analyse", "--staging", staging));
        if (deploying != null) {
            words.addAll(List.of("--version", deploying));
        }
        for (String datastore : knownDatastores.get()) {
            words.add("--datastore");
            words.add(datastore);
        }
        // Elevated, although analysis needs no root: only root sees a root agent's process and its private folders.
        CommandResult result = ssh.runElevated(ShellQuoting.command(words));
        InstallerOutput output = InstallerOutput.parse(result.stdout());
        if (!result.succeeded()) {
            throw new HostAccessException(HostProblem.COMMAND, "The analysis of " + ssh.target().address() + " failed: "
                    + (output.error() != null ? output.error() : result.lastErrorLine()));
        }
        return HostAnalysis.parse(result.stdout(), clock.instant());
    }

    private static String describe(HostAnalysis analysis) {
        var f = analysis.facts();
        return f.os() + " " + f.osVersion() + ", kernel " + f.kernel() + ", " + f.architecture() + ", " + f.cpuCores()
                + " cores, " + (f.memoryBytes() == null ? "?" : f.memoryBytes() / (1024 * 1024)) + " MiB memory, "
                + (f.freeSpaceBytes() == null ? "?" : f.freeSpaceBytes() / (1024 * 1024)) + " MiB free, "
                + (Boolean.TRUE.equals(f.systemd()) ? "systemd" : "no systemd") + ", "
                + (Boolean.TRUE.equals(f.qemuNbd()) ? "qemu-nbd present" : "no qemu-nbd") + ".";
    }

    private static void checkArchitecture(HostAnalysis analysis, AgentBundle bundle) {
        String architecture = analysis.facts().architecture();
        if (architecture != null && !architecture.equals(bundle.architecture())) {
            throw new HostAccessException(HostProblem.COMMAND, "The host runs on " + architecture + "; this engine's "
                    + "agent bundle is built for " + bundle.architecture() + " only. Use a " + bundle.architecture()
                    + " host for this role.");
        }
    }

    /** A host that runs this very version and answers its health check needs nothing: the redeploy ends here. */
    private boolean upToDate(ServerView server, HostAnalysis analysis, AgentBundle bundle, DeploymentLog log) {
        if (!bundle.version().equals(analysis.installedVersion()) || analysis.service() != ServiceState.RUNNING) {
            return false;
        }
        try {
            AgentHealth health = control.health(server.address(), server.ports().controlPort(),
                    Duration.ofSeconds(server.ports().sshTimeoutSeconds()));
            if (!bundle.version().equals(health.version())) {
                return false;
            }
            AgentStatus known = server.agent();
            access.recordAgent(server.id(), new AgentStatus(AgentState.READY, null, health.version(),
                    known == null ? null : known.certificateFingerprint(), clock.instant()));
            return true;
        } catch (HostAccessException unhealthy) {
            log.warning(DeploymentStep.ANALYSE, "Agent " + bundle.version() + " is installed but "
                    + unhealthy.getMessage() + " Installing it again.");
            return false;
        }
    }

    private void upload(RemoteFiles files, String staging, HostAnalysis analysis, AgentBundle bundle,
                        DeploymentLog log) throws IOException {
        List<BundleManifest.Entry> missing = bundle.manifest().missingFrom(analysis.stagedFiles(), analysis.installedFiles());
        long total = 0;
        for (BundleManifest.Entry entry : missing) {
            total += bundle.size(entry.path());
        }
        if (missing.isEmpty()) {
            log.info(DeploymentStep.UPLOAD, "The host has every file of agent " + bundle.version() + " already.");
        } else {
            long resumed = missing.stream().mapToLong(e -> analysis.partialFiles().getOrDefault(e.path(), 0L)).sum();
            log.info(DeploymentStep.UPLOAD, "Uploading " + missing.size() + " files, " + mib(total)
                    + (resumed > 0 ? ", resuming " + mib(resumed) + " an earlier attempt left" : "") + ".");
        }
        long all = Math.max(1, total);
        long done = 0;
        long sent = 0;
        for (BundleManifest.Entry entry : missing) {
            String target = staging + "/" + entry.path();
            files.makeDirectories(target.substring(0, target.lastIndexOf('/')));
            long doneBefore = done;
            long sentBefore = sent;
            // onHost counts what an earlier attempt left too, so this file's own sending is estimated as the
            // whole of it; the exact figure follows once the file is done.
            sent += files.upload(bundle.directory().resolve(entry.path()), target,
                    onHost -> log.uploaded(sentBefore + onHost, doneBefore + onHost, all));
            done += bundle.size(entry.path());
            log.uploaded(sent, done, all);
        }
        files.write(staging + "/" + BundleManifest.FILE_NAME, bundle.manifest().format().getBytes(StandardCharsets.UTF_8));
        if (!missing.isEmpty()) {
            log.info(DeploymentStep.UPLOAD, "Uploaded " + mib(sent) + ".");
        }
    }

    /** Has the agent make its key and request on the host, signs the request, and installs certificate and CA. */
    private String certify(SshConnection ssh, RemoteFiles files, String staging, ServerView server) {
        InstallerOutput keygen = installer(ssh, staging, "keygen");
        String request = keygen.multiline("csr");
        String certificate = authority.sign(request, AgentIdentity.of(server));
        files.write(staging + "/agent.crt", certificate.getBytes(StandardCharsets.US_ASCII));
        files.write(staging + "/ca.crt", authority.certificatePem().getBytes(StandardCharsets.US_ASCII));
        installer(ssh, staging, "trust", "--cert", staging + "/agent.crt", "--ca", staging + "/ca.crt");
        return fingerprint(certificate);
    }

    private static String fingerprint(String certificatePem) {
        try {
            var certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(
                            certificatePem.getBytes(StandardCharsets.US_ASCII)));
            return CertificateFingerprint.sha256(certificate);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("The CA made a certificate that does not parse", e);
        }
    }

    private AgentHealth awaitHealth(ServerView server, SshConnection ssh, String staging) {
        Instant deadline = clock.instant().plus(START_WAIT);
        HostAccessException last = null;
        while (clock.instant().isBefore(deadline)) {
            try {
                return control.health(server.address(), server.ports().controlPort(), Duration.ofSeconds(5));
            } catch (HostAccessException notYet) {
                last = notYet;
                sleep(Duration.ofMillis(50));
            }
        }
        InstallerOutput tail = installer(ssh, staging, "logtail", "--lines", "20");
        throw new HostAccessException(HostProblem.COMMAND, "The agent did not pass its health check within "
                + START_WAIT.toSeconds() + " s (" + (last == null ? "no answer" : last.getMessage()) + "). The end of "
                + "its log:\n" + String.join("\n", tail.all("line")));
    }

    /** Runs an installer command as root (through sudo for other accounts) and fails with the installer's own words. */
    private static InstallerOutput installer(SshConnection ssh, String staging, String... arguments) {
        List<String> words = new ArrayList<>(List.of("sh", staging + "/" + InstallerScript.FILE_NAME));
        words.addAll(List.of(arguments));
        String command = ShellQuoting.command(words);
        CommandResult result = ssh.runElevated(command);
        InstallerOutput output = InstallerOutput.parse(result.stdout());
        if (result.exitStatus() == 3) {
            throw new HostAccessException(HostProblem.NO_SPACE, String.valueOf(output.error()));
        }
        if (!result.succeeded()) {
            throw new HostAccessException(HostProblem.COMMAND, "The installer's '" + arguments[0] + "' failed on "
                    + ssh.target().address() + ": " + (output.error() != null ? output.error() : result.lastErrorLine()));
        }
        return output;
    }

    private void refreshAgentState(UUID serverId, HostAnalysis analysis) {
        ServerView server = servers.get(serverId);
        if (analysis.installedVersion() == null || analysis.installedVersion().isEmpty()) {
            access.markAgent(serverId, AgentState.NOT_INSTALLED, null);
            return;
        }
        try {
            AgentHealth health = control.health(server.address(), server.ports().controlPort(),
                    Duration.ofSeconds(server.ports().sshTimeoutSeconds()));
            String bundleVersion = bundleVersionOrNull();
            AgentState state = bundleVersion != null && !bundleVersion.equals(health.version())
                    ? AgentState.UPGRADE_AVAILABLE : AgentState.READY;
            AgentStatus known = server.agent();
            access.recordAgent(serverId, new AgentStatus(state, state == AgentState.UPGRADE_AVAILABLE
                    ? AgentVersions.upgradeMessage(health.version(), bundleVersion) : null,
                    health.version(), known == null ? null : known.certificateFingerprint(), clock.instant()));
        } catch (HostAccessException e) {
            access.markAgent(serverId, AgentState.UNREACHABLE, e.getMessage());
        }
    }

    private String bundleVersionOrNull() {
        try {
            return AgentBundle.locate(settings).version();
        } catch (IOException e) {
            return null;
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostAccessException(HostProblem.COMMAND, "The deployment was interrupted.");
        }
    }
}
