package io.lintel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedLogbackConfiguratorTest {

    /** The file the distribution ships as conf/logback.xml (tests run in this module's directory). */
    private static final Path SHIPPED = Path.of("..", "distribution", "src", "conf", "logback.xml");

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty("LINTEL_LOG_LEVEL");
        System.clearProperty("LINTEL_ACCESS_LOG");
        System.clearProperty("logback.configurationFile");
    }

    @Test
    void theShippedFileIsTheOneRecognised() throws Exception {
        byte[] content = Files.readAllBytes(SHIPPED);
        assertThat(ShippedLogbackXml.is(content))
                .as("distribution/src/conf/logback.xml changed: carry the change over to ShippedLogging, then set "
                        + "ShippedLogbackXml.LENGTH to %d and CRC32 to 0x%x", content.length,
                        ShippedLogbackXml.crc32(content))
                .isTrue();
    }

    @Test
    void codeSetsUpWhatTheShippedFileSays() throws Exception {
        assertThat(describe(inCode())).isEqualTo(describe(fromXml(SHIPPED)));
    }

    @Test
    void codeResolvesTheLevelVariablesAsTheFileDoes() throws Exception {
        System.setProperty("LINTEL_LOG_LEVEL", "DEBUG");
        System.setProperty("LINTEL_ACCESS_LOG", "OFF");
        List<String> inCode = describe(inCode());
        assertThat(inCode).contains("ROOT level=DEBUG additive=true appenders=[CONSOLE]",
                "io.lintel.access level=OFF additive=false appenders=[ACCESS]");
        assertThat(inCode).isEqualTo(describe(fromXml(SHIPPED)));

        System.setProperty("LINTEL_LOG_LEVEL", "loud"); // logback's reading of a level it does not know
        assertThat(describe(inCode())).isEqualTo(describe(fromXml(SHIPPED)));
    }

    @Test
    void theShippedFileNamedByThePropertyIsSetUpInCodeAndOthersAreLeftToLogback() throws Exception {
        Path copy = Files.write(dir.resolve("logback.xml"), Files.readAllBytes(SHIPPED));
        LoggerContext context = new LoggerContext();
        ShippedLogbackConfigurator configurator = new ShippedLogbackConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).as("no property: logback's defaults, as in tests")
                .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        System.setProperty("logback.configurationFile", copy.toString());
        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(describe(context)).isEqualTo(describe(fromXml(SHIPPED)));

        Path custom = Files.writeString(dir.resolve("custom.xml"), customConfiguration());
        LoggerContext other = new LoggerContext();
        System.setProperty("logback.configurationFile", custom.toString());
        assertThat(configurator.configure(other)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(appenderNames(other.getLogger(Logger.ROOT_LOGGER_NAME))).as("nothing set up").isEmpty();

        System.setProperty("logback.configurationFile", dir.resolve("missing.xml").toString());
        assertThat(configurator.configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    @Test
    void anEditToTheShippedFileIsReadAsXmlByTheWatch() throws Exception {
        Path file = Files.write(dir.resolve("logback.xml"), Files.readAllBytes(SHIPPED));
        LoggerContext context = new LoggerContext();
        assertThat(ShippedLogbackConfigurator.configure(context, file)).isTrue();
        EditWatch watch = new EditWatch(context, file);

        watch.run(); // unchanged: the configuration in code stays
        assertThat(describe(context)).isEqualTo(describe(fromXml(SHIPPED)));

        Files.writeString(file, customConfiguration());
        watch.run();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(appenderNames(root)).containsExactly("EDITED");
        assertThat(context.getLogger("io.lintel.access").getLevel()).as("the code's loggers are gone").isNull();
    }

    private static String customConfiguration() {
        return """
                <configuration>
                  <appender name="EDITED" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="EDITED"/></root>
                </configuration>
                """;
    }

    private static LoggerContext inCode() {
        LoggerContext context = new LoggerContext();
        ShippedLogging.apply(context);
        return context;
    }

    private static LoggerContext fromXml(Path file) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(file.toFile());
        return context;
    }

    /**
     * Every logger with a level or an appender: its level, additivity and appenders (name, type, target, and the
     * bytes each writes for one fixed event).
     */
    private static List<String> describe(LoggerContext context) {
        List<String> lines = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            List<String> appenders = appenderNames(logger);
            if (logger.getLevel() == null && appenders.isEmpty()) {
                continue;
            }
            lines.add(logger.getName() + " level=" + logger.getLevel() + " additive=" + logger.isAdditive()
                    + " appenders=" + appenders);
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
                PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
                LoggingEvent event = new LoggingEvent();
                event.setLoggerName("io.lintel.core.Example");
                event.setLevel(Level.INFO);
                event.setMessage("a message");
                event.setThreadName("main");
                event.setTimeStamp(1_796_000_000_123L);
                lines.add("  " + appender.getName() + " " + appender.getClass().getSimpleName() + " target="
                        + console.getTarget() + " started=" + appender.isStarted() + " pattern="
                        + encoder.getPattern() + " writes="
                        + new String(encoder.encode(event), StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static List<String> appenderNames(Logger logger) {
        List<String> names = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(appender -> names.add(appender.getName()));
        return names;
    }
}
