package org.corads.pipeline.app;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.corads.models.device.EngineThreads;

/**
 * The app's entry point: the picocli commands. Those that need nothing of the container ({@link LocalCommands}:
 * {@code check}, {@code preprocess}, {@code train}…) run on picocli alone, without starting Quarkus. The others start
 * Quarkus, with the HTTP server only where a command serves HTTP and Camel's routes only where a command sends work
 * through them. Every command but {@code serve} ({@code storage},
 * {@code run-step} in a Kubernetes Job, {@code study run}…) starts without listening on a port: nothing to reach it
 * by, and about 0.8 s less CPU per start here (3.3 → 2.5 s for {@code --version} when it started Quarkus). The
 * one-shot commands that read or write a file and end ({@link #STANDALONE}: those of them that start Quarkus, and
 * {@code study plan}) also start without Camel: 0.3–0.4 s less per start.
 */
@QuarkusMain
public final class Main {
    static final String HOST_ENABLED = "quarkus.http.host-enabled";

    /**
     * The commands that never send an exchange through a route; no command at all ({@code --version}) is one. The
     * {@code corads} launcher starts the same commands with the first compiler tier only ({@code LauncherTest}).
     */
    public static final Set<String> STANDALONE = Set.of("preprocess", "check", "info", "convert", "evaluate", "storage",
            "models", "help");

    /**
     * Subcommands that never send an exchange through a route, as "command subcommand", under a command that does:
     * {@code study plan} reads the study and the cache and prints (the launcher starts it as {@link #STANDALONE}).
     */
    public static final Set<String> STANDALONE_SUBCOMMANDS = Set.of("study plan");

    private Main() {}

    public static void main(String... args) {
        // before anything can start the engine (serve loads its models at start)
        EngineThreads.applyDefault();
        if (LocalCommands.applies(commandWords(args))) {
            // no container to start and none to stop: the exit code is the command's
            System.exit(LocalCommands.run(args));
        }
        if (!serves(args) && System.getProperty(HOST_ENABLED) == null) {
            System.setProperty(HOST_ENABLED, "false");
        }
        if (!usesRoutes(args) && System.getProperty(CamelStart.ENABLED) == null) {
            System.setProperty(CamelStart.ENABLED, "false");
        }
        Quarkus.run(PicocliRunner.class, args);
    }

    /** Whether the command line names {@code serve}, the one command that answers HTTP. */
    static boolean serves(String... args) {
        List<String> words = commandWords(args);
        return !words.isEmpty() && words.get(0).equals("serve");
    }

    /**
     * Whether the command line's command may send work through Camel's routes (all but {@link #STANDALONE} and
     * {@link #STANDALONE_SUBCOMMANDS}).
     */
    static boolean usesRoutes(String... args) {
        List<String> words = commandWords(args);
        if (words.isEmpty() || STANDALONE.contains(words.get(0))) {
            return false;
        }
        return words.size() < 2 || !STANDALONE_SUBCOMMANDS.contains(words.get(0) + " " + words.get(1));
    }

    /** The command and its subcommand (or first argument): the first two words that are not options. */
    static List<String> commandWords(String... args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).limit(2).toList();
    }
}
