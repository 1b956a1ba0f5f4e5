package io.bulwark.agent.cli;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.verify.HealthCheck;
import java.util.List;
import java.util.Set;

final class VerifyCommand implements Command {
    static final int DAMAGE_FOUND = 2;

    private final RepositoryOperations operations;

    VerifyCommand(RepositoryOperations operations) {
        this.operations = operations;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark verify --repo DIR --password-file FILE

                Reads back every stored block, authenticates it and checks its fingerprint, then names
                each restore point and disk that a damaged or missing block would spoil.
                Exit status: 0 when all is well, 2 when damage was found, 1 when the check could not run.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args, Set.of("--repo", "--password-file"), Set.of());
        HealthCheck.Report report;
        try (TerminalProgress progress = new TerminalProgress(terminal.err(), "Verifying")) {
            report = operations.verify(arguments.path("--repo"), Passwords.read(arguments.path("--password-file")),
                    progress);
        }
        report.problems().forEach(problem -> terminal.out().println("Problem: " + problem));
        for (HealthCheck.DamagedPoint damaged : report.damagedPoints()) {
            terminal.out().printf("DAMAGED restore point %s (%s), disk '%s': %s.%n", damaged.point().id().shortForm(),
                    damaged.point().created(), damaged.disk(), damaged.reason());
        }
        terminal.err().printf("Checked %d blocks (%s) and %d restore points: %s.%n", report.blocksChecked(),
                Sizes.human(report.bytesChecked()), report.pointsChecked(),
                report.healthy() ? "no damage" : report.damagedPoints().size() + " damaged restore point disk(s), "
                        + report.problems().size() + " problem(s)");
        return report.healthy() ? 0 : DAMAGE_FOUND;
    }
}
