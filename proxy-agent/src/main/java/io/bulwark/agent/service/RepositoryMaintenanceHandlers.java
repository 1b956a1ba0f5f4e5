package io.bulwark.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.backup.Progress;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.ControlHandler;
import io.bulwark.agent.remote.InitialisedRepositories;
import io.bulwark.agent.verify.HealthCheck;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlDone;
import io.bulwark.protocol.control.RepositoryForget;
import io.bulwark.protocol.control.RepositoryForgotten;
import io.bulwark.protocol.control.RepositoryPasswordChange;
import io.bulwark.protocol.control.RepositoryVerified;
import io.bulwark.protocol.control.RepositoryVerify;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The engine's retention ({@code repository-forget}), health checks ({@code repository-verify}) and
 * password changes ({@code repository-password}) on the repositories of this host. Only folders the engine initialised here are touched: the
 * control channel names a path, and no other path may be pruned through it.
 */
public final class RepositoryMaintenanceHandlers {
    private RepositoryMaintenanceHandlers() {
    }

    /** @param initialised the folders the engine set up here; null on the engine's own host, which trusts itself */
    public static Map<String, ControlHandler> of(RepositoryOperations operations, InitialisedRepositories initialised) {
        return Map.of(
                ControlChannel.REPOSITORY_FORGET, body -> {
                    RepositoryForget request = ApiJson.mapper().treeToValue(required(body), RepositoryForget.class);
                    return forget(operations, folder(request.path(), initialised), request);
                },
                ControlChannel.REPOSITORY_VERIFY, body -> {
                    RepositoryVerify request = ApiJson.mapper().treeToValue(required(body), RepositoryVerify.class);
                    return verify(operations, folder(request.path(), initialised), request);
                },
                ControlChannel.REPOSITORY_PASSWORD, body -> {
                    RepositoryPasswordChange request = ApiJson.mapper().treeToValue(required(body),
                            RepositoryPasswordChange.class);
                    operations.changePassword(folder(request.path(), initialised), request.oldPassword(),
                            request.newPassword(), request.hint());
                    return new ControlDone(ControlChannel.REPOSITORY_PASSWORD);
                });
    }

    public static RepositoryForgotten forget(RepositoryOperations operations, Path folder, RepositoryForget request)
            throws Exception {
        RepositoryOperations.Forgotten done = operations.forget(folder, request.password(),
                new HashSet<>(request.pointIds() == null ? List.of() : request.pointIds()), request.prune());
        return new RepositoryForgotten(done.forgotten().stream().map(p -> p.id().hex()).toList(),
                done.pruned() == null ? 0 : done.pruned().bytesFreed());
    }

    public static RepositoryVerified verify(RepositoryOperations operations, Path folder, RepositoryVerify request)
            throws Exception {
        boolean all = request.pointIds() == null || request.pointIds().isEmpty();
        HealthCheck.Report report = operations.verify(folder, request.password(),
                all ? null : new HashSet<>(request.pointIds()), Progress.NONE);
        List<String> damaged = report.damagedPoints().stream().map(d -> d.point().id().hex()).distinct().toList();
        List<String> problems = new java.util.ArrayList<>(report.problems());
        report.damagedPoints().forEach(d -> problems.add("Restore point " + d.point().id().shortForm() + ", disk "
                + d.disk() + ": " + d.reason()));
        return new RepositoryVerified(report.pointsChecked(), report.bytesChecked(), damaged, problems);
    }

    private static Path folder(String path, InitialisedRepositories initialised) throws IOException {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("The request names no absolute repository path.");
        }
        Path folder = Path.of(path).normalize();
        if (initialised != null && !initialised.contains(folder)) {
            throw new IllegalArgumentException(folder + " is not a repository the engine set up on this host.");
        }
        return folder;
    }

    private static JsonNode required(JsonNode body) {
        if (body == null || body.isNull()) {
            throw new IllegalArgumentException("The request has no body.");
        }
        return body;
    }
}
