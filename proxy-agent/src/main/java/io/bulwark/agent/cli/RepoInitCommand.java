package io.bulwark.agent.cli;

import io.bulwark.agent.operations.RepositoryOperations;
import java.util.List;
import java.util.Set;

final class RepoInitCommand implements Command {
    private final RepositoryOperations operations;

    RepoInitCommand(RepositoryOperations operations) {
        this.operations = operations;
    }

    @Override
    public String name() {
        return "repo init";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark repo init --repo DIR --password-file FILE [--hint TEXT]

                Makes a new, empty repository in DIR (missing or empty). Its data key is random; the
                password, read from the first line of FILE, wraps it (Argon2id). The hint is stored
                beside it, readable without the password: never put the password itself there.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args, Set.of("--repo", "--password-file", "--hint"), Set.of());
        String password = Passwords.read(arguments.path("--password-file"));
        operations.init(arguments.path("--repo"), password, arguments.optional("--hint"));
        terminal.err().println("Created a Bulwark repository in " + arguments.path("--repo") + ".");
        return 0;
    }
}
