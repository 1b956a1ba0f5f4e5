package io.bulwark.agent.cli;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.restore.RestoreJob;
import io.bulwark.protocol.ApiJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class RestoreCommand implements Command {
    private final RepositoryOperations operations;

    RestoreCommand(RepositoryOperations operations) {
        this.operations = operations;
    }

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark restore --repo DIR --password-file FILE [--point latest|ID] [--disk NAME]
                                         --target FILE [--json]

                Writes a disk of a restore point to FILE, bit for bit, as a sparse file (holes where the
                disk had zeroes). ID may be a unique prefix of the point's id; latest is the default.
                Every block is checked before it is written; if one is damaged, the restore stops and
                FILE is left as it was.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args,
                Set.of("--repo", "--password-file", "--point", "--disk", "--target"), Set.of("--json"));
        String password = Passwords.read(arguments.path("--password-file"));
        long started = System.nanoTime();
        RestoreJob.Result result;
        try (TerminalProgress progress = new TerminalProgress(terminal.err(), "Restoring")) {
            result = operations.restore(arguments.path("--repo"), password, arguments.optional("--point", "latest"),
                    arguments.optional("--disk"), arguments.path("--target"), progress);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        terminal.err().printf("Restored %s to %s: %s written, %d zero blocks left as holes, in %.1f s.%n",
                arguments.optional("--point", "latest"), arguments.path("--target"), Sizes.human(result.bytesWritten()),
                result.zeroBlocks(), millis / 1000.0);
        if (arguments.flag("--json")) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("target", arguments.path("--target").toString());
            summary.put("bytesWritten", result.bytesWritten());
            summary.put("blocksWritten", result.blocksWritten());
            summary.put("zeroBlocks", result.zeroBlocks());
            summary.put("durationMillis", millis);
            terminal.out().println(ApiJson.mapper().writeValueAsString(summary));
        }
        return 0;
    }
}
