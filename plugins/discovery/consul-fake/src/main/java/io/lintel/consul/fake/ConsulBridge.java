package io.lintel.consul.fake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a command against a {@link FakeConsul} whose KV mirrors a directory: the conformance runner's
 * {@code --gateway-cmd} writes manifests to a directory, and this replays them through Consul.
 *
 * <pre>
 * java -cp lintel-consul-fake.jar io.lintel.consul.fake.ConsulBridge --directory DIR [--prefix lintel/] -- COMMAND...
 * </pre>
 *
 * <p>Starts the fake on an ephemeral port, copies every {@code *.yaml}/{@code *.yml}/{@code *.json} file at the top
 * of {@code DIR} to key {@code <prefix><file name>}, then starts {@code COMMAND} (in which {@code {consul}} becomes the
 * fake's address and {@code {prefix}} the prefix) and keeps mirroring every 50 ms: changed files are put again,
 * removed files deleted. Exits with the command's exit code; stopping the bridge stops the command.
 */
public final class ConsulBridge {

    private static final long MIRROR_INTERVAL_MILLIS = 50;

    private final Path directory;
    private final String prefix;
    private final FakeConsul consul;
    private final Map<String, byte[]> mirrored = new HashMap<>();

    private ConsulBridge(Path directory, String prefix, FakeConsul consul) {
        this.directory = directory;
        this.prefix = prefix;
        this.consul = consul;
    }

    public static void main(String[] args) throws Exception {
        Path directory = null;
        String prefix = "lintel/";
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--directory" -> directory = Path.of(value(args, ++i, "--directory"));
                case "--prefix" -> prefix = value(args, ++i, "--prefix");
                default -> usage("unknown option " + args[i]);
            }
        }
        if (directory == null) {
            usage("--directory is missing");
        }
        if (i >= args.length - 1) {
            usage("the command after -- is missing");
        }
        List<String> template = Arrays.asList(args).subList(i + 1, args.length);

        FakeConsul consul = FakeConsul.start();
        ConsulBridge bridge = new ConsulBridge(directory, prefix, consul);
        bridge.mirror();
        List<String> command = new ArrayList<>();
        for (String arg : template) {
            command.add(arg.replace("{consul}", consul.address().toString()).replace("{prefix}", prefix));
        }
        System.err.println("consul-bridge: fake Consul on " + consul.address() + ", mirroring " + directory + " to "
                + prefix + "; starting " + String.join(" ", command));
        ScheduledExecutorService mirror = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consul-bridge-mirror");
            thread.setDaemon(true);
            return thread;
        });
        mirror.scheduleWithFixedDelay(bridge::mirrorQuietly, MIRROR_INTERVAL_MILLIS, MIRROR_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        Process process = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "consul-bridge-stop"));
        int exit = process.waitFor();
        mirror.shutdownNow();
        consul.close();
        System.exit(exit);
    }

    private void mirrorQuietly() {
        try {
            mirror();
        } catch (IOException | RuntimeException e) {
            System.err.println("consul-bridge: mirroring " + directory + " failed (will retry): " + e);
        }
    }

    /** Puts new and changed files, deletes the keys of removed ones. */
    private void mirror() throws IOException {
        Map<String, byte[]> present = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(ConsulBridge::isManifest).sorted().toList()) {
                try {
                    present.put(prefix + file.getFileName(), Files.readAllBytes(file));
                } catch (NoSuchFileException e) {
                    // removed since listed: the next pass deletes its key
                }
            }
        }
        present.forEach((key, value) -> {
            if (!Arrays.equals(value, mirrored.get(key))) {
                consul.kvPut(key, value);
                mirrored.put(key, value);
            }
        });
        for (String key : List.copyOf(mirrored.keySet())) {
            if (!present.containsKey(key)) {
                consul.kvDelete(key);
                mirrored.remove(key);
            }
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))
                && Files.isRegularFile(file);
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            usage(option + " needs a value");
        }
        return args[index];
    }

    private static void usage(String problem) {
        System.err.println("consul-bridge: " + problem + "\nusage: ConsulBridge --directory DIR [--prefix PREFIX] -- COMMAND [ARG...]"
                + "\n  ({consul} and {prefix} in the command are replaced by the fake's address and the prefix)");
        System.exit(2);
    }
}
