package org.corads.pipeline.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/**
 * Wires the exit-code policy and the help into picocli: {@code -h/--help} and {@code -V/--version} on every command
 * and subcommand (usage with every parameter's description and default, exit 0, required parameters not asked
 * for), and {@code corads help [command]}.
 */
@ApplicationScoped
public class CliConfiguration {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** The policy applied to a command tree (also used where no CDI runs, to check the help of every command). */
    public static CommandLine configure(CommandLine top) {
        top.setExecutionExceptionHandler(new ExitCodes());
        if (!top.getSubcommands().containsKey("help")) {
            top.addSubcommand("help", new CommandLine.HelpCommand());
        }
        String[] version = top.getCommandSpec().version();
        withHelp(top, version);
        return top;
    }

    private static void withHelp(CommandLine c, String[] version) {
        CommandLine.Model.CommandSpec spec = c.getCommandSpec();
        if (!(spec.userObject() instanceof CommandLine.HelpCommand)) {
            if (spec.findOption("--help") == null) {
                spec.mixinStandardHelpOptions(true);
            }
            if (spec.version().length == 0) {
                spec.version(version);
            }
            spec.usageMessage().showDefaultValues(true);
        }
        for (CommandLine sub : c.getSubcommands().values()) {
            withHelp(sub, version);
        }
    }
}
