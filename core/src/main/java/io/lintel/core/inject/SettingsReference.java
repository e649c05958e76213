package io.lintel.core.inject;

import java.util.List;

/**
 * The reference of every setting, rendered from {@link KnownSettings}: the shipped settings file
 * ({@code distribution/src/conf/lintel.yaml}) and the table of docs/hardening.md. {@code SettingsReferenceTest} fails
 * when either differs from what is rendered here (and rewrites both with {@code -Dsettings.update=true}), so the
 * declarations stay the one place a setting is described.
 */
public final class SettingsReference {

    private SettingsReference() {}

    /** The shipped {@code conf/lintel.yaml}: every core setting commented out, with its default and why to change it. */
    public static String settingsFile() {
        return settingsFile(KnownSettings.all());
    }

    /** A settings file of these settings (core's and the installed plugins' for {@code lintel settings}), commented out. */
    public static String settingsFile(List<Setting> settings) {
        StringBuilder text = new StringBuilder("""
                # Lintel's settings: limits, timeouts, the admin address and the shutdown drain.
                #
                # `lintel run` reads this file from $LINTEL_HOME/conf/lintel.yaml, or the one named by --settings FILE.
                # Every setting is listed below, commented out, with its default: uncomment a line to change it.
                # Keys may be nested or dotted (`connections: {max: 8000}` is `connections.max: 8000`). Each is also a
                # system property, -Dlintel.KEY=VALUE (e.g. in LINTEL_OPTS), which wins over this file; the command
                # line's --admin and --event-loop-threads win over both. An unknown key, a wrong type or a value out of
                # range stops `lintel run` with exit code 2 (check a file with `lintel validate --settings FILE`).
                # Reference: docs/hardening.md, "Settings file". Plugins declare settings of their own: `lintel settings`
                # prints this reference with the settings of the installed plugins.
                """);
        for (Setting setting : settings) {
            text.append('\n')
                    .append("# ").append(setting.description()).append(" (").append(setting.expected()).append(")\n")
                    .append('#').append(setting.key()).append(": ").append(setting.defaultValue()).append('\n');
        }
        return text.toString();
    }

    /** The Markdown table of docs/hardening.md, one row per setting. */
    public static String markdownTable() {
        StringBuilder text = new StringBuilder("""
                | key (system property `lintel.KEY`) | default | values | what it does |
                |---|---|---|---|
                """);
        List<Setting> all = KnownSettings.all();
        for (Setting setting : all) {
            text.append("| `").append(setting.key()).append("` | `").append(setting.defaultValue()).append("` | ")
                    .append(setting.expected()).append(" | ").append(setting.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return text.toString();
    }
}
