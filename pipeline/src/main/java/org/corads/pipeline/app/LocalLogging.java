package org.corads.pipeline.app;

import static org.jboss.logmanager.Level.DEBUG;
import static org.jboss.logmanager.Level.ERROR;
import static org.jboss.logmanager.Level.FATAL;
import static org.jboss.logmanager.Level.TRACE;
import static org.jboss.logmanager.Level.WARN;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The log of a command run without Quarkus ({@link LocalCommands}): the lines Quarkus would write — its console format
 * on stderr, the levels of {@code application.properties} ({@code quarkus.log.level}, overridden as under Quarkus by
 * {@code -Dquarkus.log.level} or {@code QUARKUS_LOG_LEVEL}, and every {@code quarkus.log.category."…".level}).
 */
final class LocalLogging {
    /** Quarkus' default console format. */
    static final String FORMAT = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n";
    private static final String ROOT = "quarkus.log.level";
    private static final String CATEGORY = "quarkus.log.category.\"";
    /** The loggers given a level, held so that their level outlives any other reference to them. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    private LocalLogging() {}

    static void install() {
        Properties app = applicationProperties();
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter(FORMAT)));
        String rootLevel = System.getProperty(ROOT,
                System.getenv().getOrDefault("QUARKUS_LOG_LEVEL", app.getProperty(ROOT, "INFO")));
        root.setLevel(level(rootLevel));
        categories(app).forEach((category, level) -> {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(level(level));
            CONFIGURED.add(logger);
        });
    }

    /** {@code category → level} from the {@code quarkus.log.category."<category>".level} entries. */
    static Map<String, String> categories(Properties app) {
        Map<String, String> out = new TreeMap<>();
        for (String key : app.stringPropertyNames()) {
            if (key.startsWith(CATEGORY) && key.endsWith("\".level")) {
                out.put(key.substring(CATEGORY.length(), key.length() - "\".level".length()), app.getProperty(key));
            }
        }
        return out;
    }

    /** A level by its JBoss name ({@code WARN}, {@code DEBUG}…) or its JDK name. */
    static Level level(String name) {
        String upper = name.trim().toUpperCase();
        return switch (upper) {
            case "FATAL" -> FATAL;
            case "ERROR" -> ERROR;
            case "WARN" -> WARN;
            case "DEBUG" -> DEBUG;
            case "TRACE" -> TRACE;
            default -> Level.parse(upper);
        };
    }

    private static Properties applicationProperties() {
        Properties p = new Properties();
        try (InputStream in = LocalLogging.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
