package io.lintel.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Logback's first configurator (a service, found by logback at its start): when {@code logback.configurationFile}
 * (the launcher sets it to {@code conf/logback.xml}, or {@code $LINTEL_CONF_DIR/logback.xml}) names the file Lintel
 * ships, unchanged, logback is set up in code ({@link ShippedLogging}) and the file watched for edits
 * ({@link EditWatch}); otherwise logback goes on as without this class (its XML configuration reads the file, or its
 * defaults apply without one, as in tests).
 *
 * <p>Why: reading the XML file loaded an XML parser and logback's configuration model, ~600 classes, and took ~0.1 s
 * of every start before the first log line, on the main thread; those classes then stayed loaded for nothing.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ShippedLogbackConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String name = System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY);
        if (name == null || name.isBlank()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        return configure(context, Paths.get(name.trim())) ? ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY
                : ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up in code if {@code file} is the shipped one; false (nothing done) otherwise. */
    static boolean configure(LoggerContext context, Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return false; // logback's XML configuration reports a missing or unreadable file
        }
        if (!ShippedLogbackXml.is(content)) {
            return false;
        }
        ShippedLogging.apply(context);
        new EditWatch(context, file).start();
        return true;
    }
}
