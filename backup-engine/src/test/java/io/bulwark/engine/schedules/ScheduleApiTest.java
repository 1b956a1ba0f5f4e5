package io.bulwark.engine.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedules in a real engine process: its ticker keeps a job's next run current as the job is
 * created and edited, and {@code GET /jobs/ID/next-run} reads it.
 */
class ScheduleApiTest {
    @TempDir
    Path temp;

    @Test
    void theNextRunFollowsTheJobsScheduleThroughTheApi() throws Exception {
        try (EngineProcess engine = EngineProcess.start(temp.resolve("data"), Map.of())) {
            TestApi admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
            String repositoryId = admin.get(ApiPaths.REPOSITORIES).json().get(0).path("id").asText();
            Response made = admin.post(ApiPaths.JOBS, Map.of("name", "Nightly", "type", "VM_BACKUP",
                    "repositoryId", repositoryId, "objects", List.of(),
                    "schedule", Map.of("kind", "DAILY", "time", "22:00", "days", List.of("MONDAY", "TUESDAY",
                            "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")),
                    "storage", Map.of("blockSize", 1048576, "healthCheck",
                            Map.of("kind", "MONTHLY", "time", "03:00", "dayOfMonth", 31))));
            assertThat(made.status()).as("%s", made).isEqualTo(201);
            String path = ApiPaths.JOBS + "/" + made.json().path("id").asText() + "/next-run";

            JsonNode next = awaitNextRun(admin, path,
                    n -> !n.path("nextRunAt").isNull() && !n.path("nextHealthCheckAt").isNull());

            Instant nextRun = Instant.parse(next.path("nextRunAt").asText());
            assertThat(nextRun.atZone(ZoneId.systemDefault()).toLocalTime()).isEqualTo(LocalTime.of(22, 0));
            assertThat(nextRun).isBetween(Instant.now(), Instant.now().plus(Duration.ofDays(1)));
            assertThat(Instant.parse(next.path("nextHealthCheckAt").asText()).atZone(ZoneId.systemDefault())
                    .toLocalTime()).isEqualTo(LocalTime.of(3, 0));

            Response manual = admin.put(ApiPaths.JOBS + "/" + made.json().path("id").asText(), Map.of("name",
                    "Nightly", "type", "VM_BACKUP", "repositoryId", repositoryId, "objects", List.of(),
                    "schedule", Map.of("kind", "MANUAL")));
            assertThat(manual.status()).as("%s", manual).isEqualTo(200);
            assertThat(awaitNextRun(admin, path, n -> n.path("nextRunAt").isNull()).path("nextHealthCheckAt")
                    .isNull()).isTrue();
            assertThat(admin.get(ApiPaths.JOBS + "/" + UUID.randomUUID() + "/next-run").status()).isEqualTo(404);
            JsonNode described = admin.get(ApiPaths.OPENAPI).json().path("paths").path(ApiPaths.JOBS + "/{id}/next-run");
            assertThat(described.path("get").path("x-bulwark-role").asText()).isEqualTo("VIEWER");
        }
    }

    /** The ticker writes the next run once the job's change event wakes it: a moment after the answer. */
    private static JsonNode awaitNextRun(TestApi api, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Response response = api.get(path);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            if (done.test(response.json())) {
                return response.json();
            }
            assertThat(System.nanoTime()).as("the next run within 10 s: %s", response.body()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
