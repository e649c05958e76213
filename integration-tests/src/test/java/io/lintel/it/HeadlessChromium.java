package io.lintel.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for tests of the web console: loads a page, lets its scripts run (and fetch) for a
 * budget of virtual time, then hands back the DOM as rendered or a screenshot. Started with a new, empty profile and
 * without the background connections this machine's closed network would refuse.
 */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private final Path profile;
    private final Path log;

    /** @param work a directory of the test's own (the profile goes there); {@code log} receives Chromium's output */
    HeadlessChromium(Path work, Path log) throws IOException {
        this.profile = Files.createDirectories(work.resolve("chromium-profile"));
        this.log = log;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The page's DOM after its scripts had {@code virtualMillis} of (virtual) time, network fetches included. */
    String renderedDom(URI page, int virtualMillis) throws IOException, InterruptedException {
        Path dom = Files.createTempFile(profile.getParent(), "dom", ".html");
        run(List.of("--virtual-time-budget=" + virtualMillis, "--dump-dom", page.toString()), dom);
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    /** Writes a PNG of the page as rendered after {@code virtualMillis}. */
    void screenshot(URI page, int virtualMillis, Path png) throws IOException, InterruptedException {
        run(List.of("--virtual-time-budget=" + virtualMillis, "--window-size=1400,1100",
                "--screenshot=" + png.toAbsolutePath(), page.toString()), log);
    }

    private void run(List<String> arguments, Path stdout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + command + " (log " + log + ")");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + process.exitValue() + ": " + command + " (log " + log + ")");
        }
    }
}
