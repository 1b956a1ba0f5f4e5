package io.bulwark.agent.cli;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.repository.points.RestorePoint;
import io.bulwark.protocol.ApiJson;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

final class PointsCommand implements Command {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final RepositoryOperations operations;

    PointsCommand(RepositoryOperations operations) {
        this.operations = operations;
    }

    @Override
    public String name() {
        return "points";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark points --repo DIR --password-file FILE [--json]

                Lists the restore points, oldest first: id, time, host, and each disk with its size and
                the new data the backup stored. --json prints them as a JSON array.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args, Set.of("--repo", "--password-file"), Set.of("--json"));
        List<RestorePoint> points = operations.points(arguments.path("--repo"), Passwords.read(arguments.path("--password-file")));
        if (arguments.flag("--json")) {
            terminal.out().println(ApiJson.mapper().writeValueAsString(points));
            return 0;
        }
        if (points.isEmpty()) {
            terminal.err().println("The repository has no restore points yet.");
            return 0;
        }
        terminal.out().printf("%-10s %-19s %-16s %-24s %10s %10s%n", "ID", "CREATED", "HOST", "DISK", "SIZE", "NEW");
        for (RestorePoint point : points) {
            for (RestorePoint.Disk disk : point.disks()) {
                terminal.out().printf("%-10s %-19s %-16s %-24s %10s %10s%n", point.id().shortForm(),
                        WHEN.format(point.created()), point.host(), disk.name(), Sizes.human(disk.size()),
                        Sizes.human(point.stats().bytesNew()));
            }
        }
        return 0;
    }
}
