package io.bulwark.agent.cli;

import io.bulwark.agent.operations.RepositoryOperations;
import java.util.List;
import java.util.Set;

final class RepoPasswordCommand implements Command {
    private final RepositoryOperations operations;

    RepoPasswordCommand(RepositoryOperations operations) {
        this.operations = operations;
    }

    @Override
    public String name() {
        return "repo passwd";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark repo passwd --repo DIR --password-file FILE --new-password-file FILE [--hint TEXT]

                Changes the repository password. Only the key file is rewritten: the data key stays the
                same, so no block or restore point is touched, and the change takes a moment.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args,
                Set.of("--repo", "--password-file", "--new-password-file", "--hint"), Set.of());
        operations.changePassword(arguments.path("--repo"), Passwords.read(arguments.path("--password-file")),
                Passwords.read(arguments.path("--new-password-file")), arguments.optional("--hint"));
        terminal.err().println("Changed the password of " + arguments.path("--repo") + "; no data was rewritten.");
        return 0;
    }
}
