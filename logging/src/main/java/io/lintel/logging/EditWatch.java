package io.lintel.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the shipped file's promise that edits to it apply without a restart ({@code scan="true"}): while the
 * configuration is the one set up in code, the file is read again every {@value ShippedLogbackXml#SCAN_PERIOD_SECONDS}
 * seconds, and once it is no longer the shipped file logback reads it as XML, as it would have from the start (and,
 * when it asks for it, watches it from then on itself). Runs on logback's own scheduler thread.
 */
final class EditWatch implements Runnable {

    private final LoggerContext context;
    private final Path file;

    EditWatch(LoggerContext context, Path file) {
        this.context = context;
        this.file = file;
    }

    void start() {
        long period = ShippedLogbackXml.SCAN_PERIOD_SECONDS;
        ScheduledFuture<?> future = context.getScheduledExecutorService()
                .scheduleAtFixedRate(this, period, period, TimeUnit.SECONDS);
        // a reset of the context (a reconfiguration, a stop) cancels it
        context.addScheduledFuture(future);
    }

    @Override
    public void run() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return; // being replaced, or gone: logback's own scan keeps the last configuration too
        }
        if (!ShippedLogbackXml.is(content)) {
            reconfigure();
        }
    }

    /** Reads the edited file as logback would have at start; cancels this watch with the context's other tasks. */
    void reconfigure() {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(file.toFile());
        } catch (JoranException e) {
            // reported in the context's status, printed below, as logback reports a broken file at start
        }
        new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
    }
}
