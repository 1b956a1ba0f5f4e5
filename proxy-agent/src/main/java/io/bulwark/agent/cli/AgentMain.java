package io.bulwark.agent.cli;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.restore.RestoreJob;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The data mover's command line: {@code ./bulwark repo init | repo passwd | backup | restore |
 * points | verify | forget | agent serve}. Exit status 0 for success, 1 for an error (the message
 * says what to do), 2 when verify finds damage.
 */
public final class AgentMain {
    static final int FAILED = 1;

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), new Command.Terminal(System.out, System.err)));
    }

    static int run(List<String> args, Command.Terminal terminal) {
        int cores = Runtime.getRuntime().availableProcessors();
        RepositoryOperations operations = new RepositoryOperations(Clock.systemUTC(), Duration.ofHours(1), cores,
                notice -> terminal.err().println(notice));
        Sources sources = new Sources();
        List<Command> commands = List.of(new RepoInitCommand(operations), new RepoPasswordCommand(operations),
                new BackupCommand(operations, sources), new RestoreCommand(operations), new PointsCommand(operations),
                new VerifyCommand(operations), new ForgetCommand(operations), new AgentServeCommand(), new AgentKeygenCommand(), new AgentRunCommand(operations));
        for (Command command : commands) {
            List<String> words = List.of(command.name().split(" "));
            if (args.size() >= words.size() && args.subList(0, words.size()).equals(words)) {
                List<String> rest = args.subList(words.size(), args.size());
                if (rest.contains("--help")) {
                    terminal.out().println(command.usage());
                    return 0;
                }
                return execute(command, rest, terminal);
            }
        }
        terminal.err().println("Unknown command '" + String.join(" ", args) + "'. Commands: "
                + String.join(", ", commands.stream().map(Command::name).toList()) + ". Add --help to any of them.");
        return FAILED;
    }

    private static int execute(Command command, List<String> args, Command.Terminal terminal) {
        try {
            return command.run(args, terminal);
        } catch (UsageException | RepositoryException | RestoreJob.RestoreFailedException e) {
            terminal.err().println("bulwark " + command.name() + ": " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            terminal.err().println("bulwark " + command.name() + ": " + e.getFile() + " does not exist.");
        } catch (java.nio.file.AccessDeniedException e) {
            terminal.err().println("bulwark " + command.name() + ": permission denied on " + e.getFile() + ".");
        } catch (IOException e) {
            terminal.err().println("bulwark " + command.name() + ": " + describe(e));
        } catch (Exception e) {
            terminal.err().println("bulwark " + command.name() + " failed: " + e);
            e.printStackTrace(terminal.err());
        }
        return FAILED;
    }

    /** Says plainly what an I/O failure means, above all a full disk. */
    static String describe(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("No space left on device")) {
            return "the disk is full (" + message + "). Nothing was committed; the repository is as it was. "
                    + "Free space, or prune old restore points, and try again.";
        }
        return message;
    }
}
