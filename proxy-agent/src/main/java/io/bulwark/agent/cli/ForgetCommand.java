package io.bulwark.agent.cli;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.prune.GarbageCollector;
import io.bulwark.agent.prune.Retention;
import java.util.List;
import java.util.Set;

final class ForgetCommand implements Command {
    private final RepositoryOperations operations;

    ForgetCommand(RepositoryOperations operations) {
        this.operations = operations;
    }

    @Override
    public String name() {
        return "forget";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark forget --repo DIR --password-file FILE [--keep-last N] [--keep-days N] [--prune]

                Forgets the restore points the rules do not keep: the newest N, and those younger than N
                days (a point either rule keeps stays). With --prune, then frees every block no point
                needs, and rewrites packs that are mostly empty. Pruning waits for running backups to
                finish, so it never takes a block one of them is about to reuse.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args,
                Set.of("--repo", "--password-file", "--keep-last", "--keep-days"), Set.of("--prune"));
        Retention retention;
        try {
            retention = new Retention(arguments.positiveNumber("--keep-last"), arguments.positiveNumber("--keep-days"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        RepositoryOperations.Forgotten result = operations.forget(arguments.path("--repo"),
                Passwords.read(arguments.path("--password-file")), retention, arguments.flag("--prune"));
        result.forgotten().forEach(p -> terminal.out().println("Forgot " + p.id().shortForm() + " (" + p.created() + ")"));
        terminal.err().printf("Forgot %d restore point(s), kept %d.%n", result.forgotten().size(), result.kept().size());
        GarbageCollector.Result pruned = result.pruned();
        if (pruned != null) {
            terminal.err().printf("Pruned: %d unneeded block(s), %d pack(s) deleted, %d rewritten, %s freed.%n",
                    pruned.blocksRemoved(), pruned.packsDeleted(), pruned.packsRewritten(), Sizes.human(pruned.bytesFreed()));
        }
        return 0;
    }
}
