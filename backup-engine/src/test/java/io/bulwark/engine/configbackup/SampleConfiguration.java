package io.bulwark.engine.configbackup;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import io.bulwark.protocol.users.UserRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An engine's configuration with an object of every kind, made through the API as an admin would:
 * users, a credential, a managed server, an encrypted repository outside the data directory, a
 * traffic rule and the traffic settings, the backup server as a virtualization host, a scheduled
 * job with its own encryption password, and one real run of it (a session and a restore point).
 *
 * <p>Everything but the data directory lives under {@code root}: the repository in
 * {@code root/vault}, the VM in {@code root/datastore/app}. The VM is a small raw image written
 * here, so the schema fixture can be made again without qemu tools.
 */
final class SampleConfiguration {
    static final String VAULT_PASSWORD = "the vault's own password";
    static final String JOB_PASSWORD = "the nightly job's password";
    static final long MIB = 1024 * 1024;

    /** The collections an admin lists; each one's JSON is compared before and after. */
    static final List<String> LISTS = List.of(ApiPaths.USERS, ApiPaths.CREDENTIALS, ApiPaths.SERVERS,
            ApiPaths.PROXIES, ApiPaths.REPOSITORIES, ApiPaths.TRAFFIC_RULES, ApiPaths.TRAFFIC_SETTINGS,
            ApiPaths.VIRTUALIZATION_HOSTS, ApiPaths.INVENTORY, ApiPaths.JOBS, ApiPaths.SESSIONS,
            ApiPaths.RESTORE_POINTS);

    /** What was made, for the checks after a restore or an upgrade. */
    record Made(UUID host, UUID job, UUID point, Path datastore, String imageSha256) {
    }

    private SampleConfiguration() {
    }

    static Made populate(TestApi admin, Path root) throws IOException, InterruptedException {
        ok(admin.post(ApiPaths.USERS, new UserRequest("operator1", Role.OPERATOR, "operator password 1")), 201);
        ok(admin.post(ApiPaths.USERS, new UserRequest("auditor", Role.VIEWER, "viewer password 1")), 201);
        UUID credential = id(ok(admin.post(ApiPaths.CREDENTIALS, new CredentialRequest("storage account",
                CredentialType.PASSWORD, "backup", "the storage login password", null, null, "for storage-01")), 201));
        ok(admin.post(ApiPaths.SERVERS, new ServerRequest("storage-01", "192.0.2.10", "a server not yet deployed",
                22, credential, null, null, true)), 201);
        UUID builtInServer = admin.builtIn(ApiPaths.SERVERS);
        UUID vault = id(ok(admin.post(ApiPaths.REPOSITORIES, new RepositoryRequest("Vault", "encrypted, outside the "
                + "data directory", builtInServer, root.resolve("vault").toString(), 2,
                new EncryptionRequest(true, VAULT_PASSWORD, "the vault hint"))), 201));
        ok(admin.post(ApiPaths.TRAFFIC_RULES, new TrafficRuleRequest("Branch link", "any", "192.0.2.0/24", true,
                new Throttle(true, 10, ThrottleUnit.MBIT_PER_SEC), TrafficSchedule.ALWAYS)), 201);
        ok(admin.put(ApiPaths.TRAFFIC_SETTINGS, new TrafficSettings(7)), 200);

        Path datastore = root.resolve("datastore");
        Path image = writeImage(datastore);
        UUID host = id(ok(admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(builtInServer,
                List.of(datastore.toString()), 0)), 201));
        ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);
        UUID job = id(ok(admin.post(ApiPaths.JOBS, new JobRequest("Nightly app", "the app VM, every night",
                JobType.VM_BACKUP, vault, List.of(new JobObject(new VmReference(host, image.getParent().toString())
                .toString(), List.of())), JobSchedule.daily(LocalTime.of(23, 30), EnumSet.allOf(DayOfWeek.class)),
                null, null, new EncryptionRequest(true, JOB_PASSWORD, "the job hint"), true)), 201));
        JsonNode run = admin.sessionToEnd(id(ok(admin.post(ApiPaths.jobAction(job, JobAction.START), null), 202)));
        if (!run.path("session").path("state").asText().equals("SUCCESS")) {
            throw new AssertionError("The sample job's run failed: " + run);
        }
        UUID point = id(ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200).get(0));
        return new Made(host, job, point, datastore, sha256(image));
    }

    /** The VM's disk: 2 MiB, a few bytes of data; always the same bytes. */
    static Path writeImage(Path datastore) throws IOException {
        Path image = datastore.resolve("app").resolve("app.raw");
        Files.createDirectories(image.getParent());
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(2 * MIB);
            file.seek(MIB + 512);
            file.write("the application's rows".getBytes(StandardCharsets.UTF_8));
        }
        return image;
    }

    /** Restores the sample's point beside the VM and answers the restored image's SHA-256. */
    static String restore(TestApi admin, Made made, String asVm) throws IOException, InterruptedException {
        JsonNode session = admin.sessionToEnd(id(ok(admin.post(ApiPaths.RESTORES, new RestoreRequest(made.point(),
                List.of(), RestoreDestination.newLocation(made.host(), made.datastore().toString(), asVm))), 202)));
        if (!session.path("session").path("state").asText().equals("SUCCESS")) {
            throw new AssertionError("The restore failed: " + session);
        }
        return sha256(made.datastore().resolve(asVm).resolve("app.raw"));
    }

    /** The JSON of every list endpoint, by path. */
    static Map<String, JsonNode> lists(TestApi admin) {
        Map<String, JsonNode> lists = new LinkedHashMap<>();
        for (String path : LISTS) {
            lists.put(path, ok(admin.get(path), 200));
        }
        return lists;
    }

    /**
     * What differs between two answers of a list endpoint: every field {@code expected} has must be
     * in {@code actual} with the same value (fields added since are allowed). The backup server's
     * facts, which the engine reads again at each start, are left out.
     */
    static List<String> differences(String path, JsonNode expected, JsonNode actual) {
        List<String> found = new java.util.ArrayList<>();
        compare(path, expected, actual, found);
        return found;
    }

    private static void compare(String where, JsonNode expected, JsonNode actual, List<String> found) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                found.add(where + ": expected an object, got " + actual);
                return;
            }
            boolean builtInServer = expected.has("facts") && expected.path("builtIn").asBoolean();
            expected.properties().forEach(field -> {
                if (builtInServer && (field.getKey().equals("facts") || field.getKey().equals("updatedAt"))) {
                    return;
                }
                if (!actual.has(field.getKey())) {
                    found.add(where + "." + field.getKey() + ": missing");
                } else {
                    compare(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), found);
                }
            });
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                found.add(where + ": expected " + expected.size() + " items, got " + actual);
                return;
            }
            if (scalars(expected) && scalars(actual)) {
                // A Set in the protocol (a schedule's days) is written in hash order, which differs between JVMs.
                if (!sorted(expected).equals(sorted(actual))) {
                    found.add(where + ": expected the values " + sorted(expected) + ", got " + sorted(actual));
                }
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(where + "[" + i + "]", expected.get(i), actual.get(i), found);
            }
        } else if (!expected.equals(actual)) {
            found.add(where + ": expected " + expected + ", got " + actual);
        }
    }

    private static boolean scalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> sorted(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(item -> values.add(item.toString()));
        values.sort(null);
        return values;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode ok(TestApi.Response response, int status) {
        return response.expect(status);
    }

    private static UUID id(JsonNode entity) {
        return UUID.fromString(entity.path("id").asText());
    }
}
