package io.lintel.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ScanException;
import ch.qos.logback.core.util.OptionHelper;

/**
 * What the shipped {@code conf/logback.xml} configures, in code (the file's comments say why each part is there):
 * logs on stderr, the access log on stderr with a pattern of its own (level from {@code LINTEL_ACCESS_LOG}, INFO by
 * default, not passed to the root), Netty, fabric8 and Vert.x at WARN, and the root at {@code LINTEL_LOG_LEVEL}
 * (INFO by default). Variables are resolved as logback resolves them in the file: system properties, then the
 * environment, then the default after {@code :-}; a level logback does not know is DEBUG, as there.
 */
final class ShippedLogging {

    static final String CONSOLE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n";
    static final String ACCESS_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} access %msg%n";

    private ShippedLogging() {}

    static void apply(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = stderr(context, "CONSOLE", CONSOLE_PATTERN);
        ConsoleAppender<ILoggingEvent> access = stderr(context, "ACCESS", ACCESS_PATTERN);

        Logger accessLogger = context.getLogger("io.lintel.access");
        accessLogger.setLevel(level(context, "${LINTEL_ACCESS_LOG:-INFO}"));
        accessLogger.setAdditive(false);
        accessLogger.addAppender(access);

        for (String library : new String[] {"io.netty", "io.fabric8", "io.vertx"}) {
            context.getLogger(library).setLevel(Level.WARN);
        }

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(context, "${LINTEL_LOG_LEVEL:-INFO}"));
        root.addAppender(console);
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context, String name, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static Level level(LoggerContext context, String expression) {
        try {
            return Level.toLevel(OptionHelper.substVars(expression, context));
        } catch (ScanException e) {
            // these expressions are constants; only a broken logback could fail to scan them
            throw new IllegalStateException("cannot resolve " + expression, e);
        }
    }
}
