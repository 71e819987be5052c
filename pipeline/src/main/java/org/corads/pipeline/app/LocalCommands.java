package org.corads.pipeline.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.corads.pipeline.cli.CliConfiguration;
import org.corads.pipeline.cli.CoradsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands that need nothing of the container run on picocli alone, without starting Quarkus: those whose only
 * injected field is the JSON mapper (today {@code check}, {@code info}, {@code convert}, {@code preprocess},
 * {@code evaluate}, {@code import}, {@code dataset}, {@code train}, {@code segment} and {@code lesion-train}: they
 * read and write local files), {@code help}, the app's own options ({@code --version}, {@code --help}) and a command
 * line picocli refuses. Same command tree, exit-code policy, JSON mapper settings and log lines as under Quarkus;
 * about 1.2 s less per start here ({@code check} of a small scan: 1.8 → 1.0 s). A command that injects anything else
 * (storage, routes, the
 * grading service) starts Quarkus as before. {@value #ENABLED}{@code =false} starts Quarkus for every command.
 */
final class LocalCommands {
    /** System property: {@code false} starts Quarkus for every command (the same outputs, a slower start). */
    static final String ENABLED = "corads.cli.local";

    private LocalCommands() {}

    /** Whether the command named by the command line's first word (none: the app's own options) runs here. */
    static boolean applies(List<String> words) {
        if ("false".equals(System.getProperty(ENABLED))) {
            return false;
        }
        if (words.isEmpty() || words.get(0).equals("help")) {
            return true;
        }
        // a word that names no command is refused by picocli alone, as under Quarkus
        return command(words.get(0)).map(LocalCommands::needsNoContainer).orElse(true);
    }

    /** The top-level command class named {@code name}. */
    static Optional<Class<?>> command(String name) {
        return Arrays.stream(CoradsCommand.class.getAnnotation(Command.class).subcommands())
                .filter(c -> c.getAnnotation(Command.class).name().equals(name)).findFirst();
    }

    /** Every injected field of the command and of its subcommands is the JSON mapper. */
    static boolean needsNoContainer(Class<?> command) {
        if (!injected(command).stream().allMatch(f -> f.getType() == ObjectMapper.class)) {
            return false;
        }
        Command spec = command.getAnnotation(Command.class);
        return spec == null || Arrays.stream(spec.subcommands()).allMatch(LocalCommands::needsNoContainer);
    }

    /** Runs the command line and returns its exit code. */
    static int run(String... args) {
        LocalLogging.install();
        ObjectMapper mapper = mapper();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                inject(made, mapper);
                return made;
            }
        };
        int code = CliConfiguration.configure(new CommandLine(CoradsCommand.class, factory)).execute(args);
        System.out.flush();
        return code;
    }

    /**
     * The JSON mapper with the settings of the one Quarkus injects (its defaults: unknown properties ignored, dates
     * as ISO text in UTC, the Jackson modules on the class path).
     */
    static ObjectMapper mapper() {
        return JsonMapper.builder().findAndAddModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).defaultTimeZone(TimeZone.getTimeZone("UTC"))
                .build();
    }

    private static void inject(Object command, ObjectMapper mapper) throws IllegalAccessException {
        for (Field f : injected(command.getClass())) {
            if (f.getType() == ObjectMapper.class) {
                f.setAccessible(true);
                f.set(command, mapper);
            }
        }
    }

    /** The {@code @Inject} fields of a class and its superclasses. */
    private static List<Field> injected(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Inject.class)) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
