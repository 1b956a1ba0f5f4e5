package io.bulwark.engine.jobs;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.EncryptionPasswords;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.BackupWindow;
import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.RetryPolicy;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import io.bulwark.protocol.jobs.ScheduleKind;
import io.bulwark.protocol.repositories.EncryptionView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Backup job definitions: what to protect, where to, when, and for how long. {@code runs} runs them.
 * A job may seal its backups with a password of its own ({@link JobSecrets}); changing it reseals
 * the job's folder on the repository's host first ({@link JobFolderRekey}).
 */
public class JobService implements EntityService<JobRequest, JobView> {
    static final int MAX_OBJECTS = 10_000;
    static final int MAX_RESTORE_POINTS = 999;
    static final int MAX_DAYS = 3650;
    static final int MAX_PERIOD_MINUTES = 7 * 24 * 60;

    private final JobStore store;
    private final JobSecrets secrets;
    private final JobFolderRekey rekey;
    private final Lookups lookups;
    private final Clock clock;

    public JobService(JobStore store, JobSecrets secrets, JobFolderRekey rekey, Lookups lookups, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.rekey = rekey;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public List<JobView> list() {
        return store.list();
    }

    @Override
    public JobView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    @Override
    public JobView create(JobRequest request, Caller caller) {
        Instant now = clock.instant();
        Validated job = validated(UUID.randomUUID(), request, false, now, now);
        store.insert(job.view(), job.password() == null ? null : secrets.seal(job.view().id(), job.password()));
        return get(job.view().id());
    }

    @Override
    public JobView update(UUID id, JobRequest request, Caller caller) {
        JobView current = get(id);
        Validated job = validated(id, request, current.encryption().passwordSet(), current.createdAt(),
                clock.instant());
        String secret = store.passwordSecret(id).orElse(null);
        Optional<String> before = Optional.ofNullable(secret).map(stored -> secrets.open(id, stored));
        if (job.password() != null && !before.map(job.password()::equals).orElse(false)) {
            if (before.isPresent()) {
                // The folder on the repository's host first: if it cannot be resealed, the old password stays.
                rekey.change(job.view(), before.get(), job.password(), job.view().encryption().passwordHint());
            }
            secret = secrets.seal(id, job.password());
        }
        store.update(job.view(), secret);
        return get(id);
    }

    @Override
    public JobView delete(UUID id, Caller caller) {
        JobView job = get(id);
        store.delete(id);
        return job;
    }

    /** A job as checked, with its own encryption password when one was typed (else null). */
    private record Validated(JobView view, String password) {
        @Override
        public String toString() {
            return "Validated[" + view + ", password=(hidden)]";
        }
    }

    private Validated validated(UUID id, JobRequest request, boolean passwordStored, Instant createdAt,
                                Instant updatedAt) {
        FieldErrors errors = new FieldErrors();
        String name = errors.name("name", request.name(), 128);
        String description = errors.text("description", request.description(), 1024);
        errors.required("type", request.type());
        if (errors.required("repositoryId", request.repositoryId()) != null
                && !lookups.exists("backup_repositories", request.repositoryId())) {
            errors.add("repositoryId", "names no backup repository");
        }
        List<JobObject> objects = objects(errors, request.objects());
        JobSchedule schedule = schedule(errors, request.schedule(), id);
        Retention retention = retention(errors, request.retention());
        JobStorage storage = storage(errors, request.storage());
        EncryptionPasswords.Typed encryption = EncryptionPasswords.check(errors, "encryption", request.encryption(),
                passwordStored);
        if (request.type() == JobType.RESTORE || request.type() == JobType.HEALTH_CHECK) {
            errors.add("type", request.type() + " is the type of sessions, not of a job: use VM_BACKUP");
        }
        errors.throwIfAny();
        if (lookups.nameTaken("jobs", name, id)) {
            throw new ConflictException("A job named '" + name + "' already exists. Pick another name.",
                    Map.of("name", "already taken"));
        }
        EncryptionView sealing = new EncryptionView(encryption.enabled(),
                passwordStored || encryption.password() != null, encryption.hint());
        return new Validated(new JobView(id, name, description, request.type(), request.repositoryId(), null, objects,
                schedule, retention, storage, sealing, Objects.requireNonNullElse(request.enabled(), true), createdAt,
                updatedAt), encryption.password());
    }

    private static List<JobObject> objects(FieldErrors errors, List<JobObject> given) {
        List<JobObject> objects = given == null ? List.of() : given;
        if (objects.size() > MAX_OBJECTS) {
            errors.add("objects", "must list at most " + MAX_OBJECTS + " objects");
            return List.of();
        }
        List<JobObject> normalised = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JobObject object = objects.get(i);
            if (object == null) {
                errors.add("objects[" + i + "]", "is required");
                continue;
            }
            if (errors.name("objects[" + i + "].reference", object.reference(), 1024) != null) {
                try {
                    VmReference.parse(object.reference());
                } catch (IllegalArgumentException e) {
                    errors.add("objects[" + i + "].reference", e.getMessage());
                }
            }
            List<String> excluded = object.excludedDisks() == null ? List.of() : object.excludedDisks();
            for (int d = 0; d < excluded.size(); d++) {
                errors.name("objects[" + i + "].excludedDisks[" + d + "]", excluded.get(d), 1024);
            }
            normalised.add(new JobObject(object.reference(), excluded));
        }
        return normalised;
    }

    private JobSchedule schedule(FieldErrors errors, JobSchedule given, UUID jobId) {
        if (given == null) {
            return JobSchedule.MANUAL;
        }
        ScheduleKind kind = errors.required("schedule.kind", given.kind());
        JobSchedule when = switch (kind) {
            case null -> JobSchedule.MANUAL;
            case MANUAL -> JobSchedule.MANUAL;
            case DAILY, MONTHLY -> calendar(errors, "schedule", given);
            case PERIODIC -> JobSchedule.periodic(Objects.requireNonNullElse(
                    errors.range("schedule.everyMinutes", given.everyMinutes(), 5, MAX_PERIOD_MINUTES, null), 60));
            case AFTER_JOB -> {
                if (errors.required("schedule.afterJobId", given.afterJobId()) != null) {
                    if (given.afterJobId().equals(jobId)) {
                        errors.add("schedule.afterJobId", "names this job itself: pick another job to follow");
                    } else if (!lookups.exists("jobs", given.afterJobId())) {
                        errors.add("schedule.afterJobId", "names no job");
                    }
                }
                yield JobSchedule.afterJob(given.afterJobId());
            }
        };
        RetryPolicy retries = given.retries();
        if (retries != null) {
            errors.range("schedule.retries.count", retries.count(), 0, 10, 0);
            errors.range("schedule.retries.waitMinutes", retries.waitMinutes(), 0, 24 * 60, 0);
        }
        BackupWindow window = given.window();
        if (window != null) {
            window(errors, window);
        }
        return when.withRetries(retries).withWindow(window);
    }

    /** DAILY and MONTHLY: a time of day, and the days of the week or of the month. */
    private static JobSchedule calendar(FieldErrors errors, String field, JobSchedule given) {
        errors.required(field + ".time", given.time());
        if (given.kind() == ScheduleKind.MONTHLY) {
            return JobSchedule.monthly(given.time(), Objects.requireNonNullElse(
                    errors.range(field + ".dayOfMonth", given.dayOfMonth(), 1, 31, null), 1));
        }
        if (given.days() == null || given.days().isEmpty()) {
            errors.add(field + ".days", "must name at least one day for a daily schedule");
        }
        return JobSchedule.daily(given.time(), given.days() == null ? Set.of() : given.days());
    }

    private static void window(FieldErrors errors, BackupWindow window) {
        if (window.allowedHours() == null || window.allowedHours().values().stream().allMatch(Set::isEmpty)) {
            errors.add("schedule.window", "allows no hour at all: allow some hours, or set no window");
            return;
        }
        window.allowedHours().forEach((day, hours) -> hours.stream().filter(h -> h == null || h < 0 || h > 23)
                .findFirst().ifPresent(h -> errors.add("schedule.window." + day, "hours must be 0 to 23")));
    }

    private static JobSchedule healthCheck(FieldErrors errors, JobSchedule given) {
        if (given == null || given.kind() == ScheduleKind.MANUAL) {
            return null;
        }
        if (given.kind() != ScheduleKind.DAILY && given.kind() != ScheduleKind.MONTHLY) {
            errors.add("storage.healthCheck.kind", "must be DAILY or MONTHLY");
            return null;
        }
        return calendar(errors, "storage.healthCheck", given);
    }

    private JobStorage storage(FieldErrors errors, JobStorage given) {
        if (given == null) {
            return JobStorage.DEFAULT;
        }
        List<UUID> proxies = given.proxyIds() == null ? List.of() : List.copyOf(given.proxyIds());
        for (int i = 0; i < proxies.size(); i++) {
            if (!lookups.exists("backup_proxies", proxies.get(i))) {
                errors.add("storage.proxyIds[" + i + "]", "names no backup proxy");
            }
        }
        int blockSize = given.blockSize() == 0 ? JobStorage.DEFAULT_BLOCK_SIZE : given.blockSize();
        if (!JobStorage.BLOCK_SIZES.contains(blockSize)) {
            errors.add("storage.blockSize", "must be 262144 (WAN), 524288 (LAN), 1048576 (local) or 4194304 (large)");
        }
        return new JobStorage(proxies, Objects.requireNonNullElse(given.compression(), Compression.OPTIMAL), blockSize,
                healthCheck(errors, given.healthCheck()));
    }

    private static Retention retention(FieldErrors errors, Retention given) {
        if (given == null) {
            return Retention.DEFAULT;
        }
        RetentionUnit unit = errors.required("retention.unit", given.unit());
        int max = unit == RetentionUnit.DAYS ? MAX_DAYS : MAX_RESTORE_POINTS;
        errors.range("retention.value", given.value(), 1, max, null);
        return given;
    }
}
