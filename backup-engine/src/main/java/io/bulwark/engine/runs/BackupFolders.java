package io.bulwark.engine.runs;

import io.bulwark.engine.jobs.JobFolderRekey;
import io.bulwark.engine.jobs.JobSecrets;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.repositories.RepositoryView;
import java.util.UUID;

/**
 * Where a job's restore points go, and what opens them. A job without a password of its own writes
 * to its repository's folder, sealed with the repository's password. A job with one writes to the
 * folder {@code REPOSITORY/jobs/JOB_ID}: a repository of its own, sealed with the job's password and
 * set up on the repository's host when the job first runs there. Each restore point records its
 * folder and, for a job's folder, the password that opens it: it stays restorable when its job is
 * deleted.
 */
public class BackupFolders implements JobFolderRekey {
    private final RepositoryService repositories;
    private final JobSecrets jobSecrets;
    private final RestorePointStore points;
    private final RepositoryMaintenance maintenance;
    private final SecretCipher cipher;

    public BackupFolders(RepositoryService repositories, JobSecrets jobSecrets, RestorePointStore points,
                         RepositoryMaintenance maintenance, SecretCipher cipher) {
        this.repositories = repositories;
        this.jobSecrets = jobSecrets;
        this.points = points;
        this.maintenance = maintenance;
        this.cipher = cipher;
    }

    /**
     * A folder that holds restore points, with the password that opens it.
     *
     * @param jobs true for a job's own folder, false for the repository's
     */
    public record BackupFolder(RepositoryView repository, String path, String password, boolean jobs) {
        static BackupFolder ofRepository(RepositoryView repository, String password) {
            return new BackupFolder(repository, repository.path(), password, false);
        }

        /** What a restore point records as its folder: null for the repository's own. */
        String recorded() {
            return jobs ? path : null;
        }

        @Override
        public String toString() {
            return "BackupFolder[" + repository.name() + ": " + path + "]";
        }
    }

    /** Which folder holds the restore point, as a key to group points by: one read of each folder. */
    static String folderKey(RestorePointView point) {
        return point.repositoryId() + ":" + (point.folder() == null ? "" : point.folder());
    }

    /** Where the job's next run writes. */
    BackupFolder forRun(JobView job, RepositoryView repository) {
        if (!job.encryption().enabled()) {
            return BackupFolder.ofRepository(repository, repositories.setupPassword(repository.id()));
        }
        String password = jobSecrets.password(job.id()).orElseThrow(() -> new IllegalStateException(
                "The job '" + job.name() + "' has encryption on but no password: edit the job and type one."));
        return jobFolder(job.id(), repository, password);
    }

    /** The folder that holds the restore point. */
    BackupFolder of(RestorePointView point) {
        RepositoryView repository = repositories.get(point.repositoryId());
        if (point.folder() == null) {
            return BackupFolder.ofRepository(repository, repositories.setupPassword(repository.id()));
        }
        String secret = points.passwordSecret(point.id()).orElseThrow(() -> new IllegalStateException(
                "The engine holds no password for the restore point of " + point.createdAt() + " in " + point.folder()));
        return new BackupFolder(repository, point.folder(), cipher.decrypt(secret, context(point.id())), true);
    }

    /** Sets up a job's folder on the repository's host (again: it is only opened when it is there). */
    boolean prepare(BackupFolder folder, JobView job) {
        return folder.jobs() && maintenance.initialise(folder, job.encryption().passwordHint());
    }

    /**
     * Records a new restore point of the folder, with the password that opens it: the job's as it is
     * now, which a password changed while the job ran has already resealed the folder with.
     */
    void record(RestorePointView point, BackupFolder folder) {
        String password = folder.jobs() ? jobSecrets.password(point.jobId()).orElse(folder.password()) : null;
        points.insert(point, password == null ? null : cipher.encrypt(password, context(point.id())));
    }

    /**
     * Reseals the folder the job writes to with its new password. A folder not there yet is set up
     * with the old one first, so that the change has one path whatever the folder's state.
     */
    @Override
    public void change(JobView job, String oldPassword, String newPassword, String hint) {
        RepositoryView repository = repositories.get(job.repositoryId());
        BackupFolder folder = jobFolder(job.id(), repository, oldPassword);
        maintenance.initialise(folder, hint);
        maintenance.change(folder, newPassword, hint);
        for (UUID point : points.inFolder(repository.id(), folder.path())) {
            points.recordPassword(point, cipher.encrypt(newPassword, context(point)));
        }
    }

    private static BackupFolder jobFolder(UUID jobId, RepositoryView repository, String password) {
        return new BackupFolder(repository, repository.path() + "/jobs/" + jobId, password, true);
    }

    private static String context(UUID pointId) {
        return "restore-points/" + pointId + "/encryption-password";
    }
}
