package org.corads.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --help} on every command and subcommand: exit 0 even when required parameters are missing, a usage that
 * names every parameter, and a description for each (with its default where it has one). The packaged app is
 * checked for the same in {@code CliFormatsTest}.
 */
class CommandHelpTest {

    private static CommandLine cli() {
        return CliConfiguration.configure(new CommandLine(new CoradsCommand()));
    }

    /** Every command path: {@code [info]}, {@code [study, run]}, … */
    static Stream<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        walk(cli(), new ArrayList<>(), out);
        return out.stream();
    }

    private static void walk(CommandLine c, List<String> path, List<List<String>> out) {
        c.getSubcommands().forEach((name, sub) -> {
            if (!(sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand)
                    && sub.getCommandSpec().name().equals(name)) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                out.add(p);
                walk(sub, p, out);
            }
        });
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine c = cli();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        c.setOut(new PrintWriter(out));
        c.setErr(new PrintWriter(err));
        int exit = c.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "corads {0} --help")
    @MethodSource("commands")
    void everyCommandHasHelpThatDescribesEveryParameter(List<String> path) {
        for (String flag : List.of("--help", "-h")) {
            List<String> args = new ArrayList<>(path);
            args.add(flag);
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith("Usage: corads " + String.join(" ", path));
            CommandLine.Model.CommandSpec spec = cli().getCommandSpec();
            for (String p : path) {
                spec = spec.subcommands().get(p).getCommandSpec();
            }
            assertThat(spec.usageMessage().description()).as("%s: description", path).isNotEmpty();
            for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
                assertThat(r.out()).contains(p.paramLabel());
                assertThat(String.join(" ", p.description())).as("%s %s", path, p.paramLabel()).isNotBlank();
            }
            for (CommandLine.Model.OptionSpec o : spec.options()) {
                assertThat(r.out()).contains(o.longestName());
                assertThat(String.join(" ", o.description())).as("%s %s", path, o.longestName()).isNotBlank();
            }
            for (CommandLine.Model.ArgSpec a : spec.args()) {
                // a default is shown only where one was declared: no "Default: 0" from a field's Java initial value
                boolean onOff = a.type() == boolean.class || a.type() == Boolean.class;
                assertThat(a.defaultValue() != null || onOff || a.initialValue() == null)
                        .as("%s %s shows a default nobody declared: %s", path, a.paramLabel(), a.initialValue())
                        .isTrue();
            }
        }
    }

    @Test
    void defaultsAreShownWhereAParameterHasOne() {
        Run r = run("synth", "--help");
        assertThat(r.out()).containsPattern("(?s)--resolution=<resolution>.{0,120}Default: FULL");
        assertThat(r.out()).containsPattern("(?s)--seed=<seed>.{0,60}Default: 1");
    }

    @Test
    void helpListsTheCommandsAndHelpOfACommandIsItsUsage() {
        Run all = run("help");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("Commands:").contains("study").contains("grade").contains("serve");
        Run one = run("help", "study");
        assertThat(one.exit()).isZero();
        assertThat(one.out()).startsWith("Usage: corads study").contains("plan").contains("rerun");
        Run unknown = run("help", "lunch");
        assertThat(unknown.exit()).isNotZero();
    }
}
