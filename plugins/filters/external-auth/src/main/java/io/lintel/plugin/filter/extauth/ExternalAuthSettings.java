package io.lintel.plugin.filter.extauth;

import io.lintel.spi.PluginSetting;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The limits of every ExternalAuth filter, which the Gateway API leaves to the implementation: how long a check may
 * take before the request is refused, and the longest answer taken from the authorization service.
 *
 * @param timeout from the check's start to the authorization service's whole answer; then 403 (fail closed)
 * @param maxAnswerBytes the longest answer body (a denial is relayed to the client with it); longer: 403
 */
record ExternalAuthSettings(Duration timeout, int maxAnswerBytes) {

    static final PluginSetting TIMEOUT = PluginSetting.number("externalAuth.timeoutMillis", 1, Integer.MAX_VALUE, 2_000,
            "milliseconds an ExternalAuth check may take, then the request is refused (403, fail closed)");
    static final PluginSetting MAX_ANSWER_BYTES = PluginSetting.number("externalAuth.maxAnswerBytes", 0,
            Integer.MAX_VALUE, 64 * 1024,
            "longest body of an authorization service's answer (a denial is relayed with it); longer: 403");

    /** What the plugin declares; core checks the settings file's values against it. */
    static final List<PluginSetting> DECLARED = List.of(TIMEOUT, MAX_ANSWER_BYTES);

    /** The defaults, as declared. */
    static final ExternalAuthSettings DEFAULTS = of(Map.of());

    ExternalAuthSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT.key() + " must be positive, got " + timeout.toMillis());
        }
        if (maxAnswerBytes < 0) {
            throw new IllegalArgumentException(MAX_ANSWER_BYTES.key() + " must not be negative, got " + maxAnswerBytes);
        }
    }

    /** From the plugin context's settings (checked by core against {@link #DECLARED}); an absent key is its default. */
    static ExternalAuthSettings of(Map<String, String> settings) {
        return new ExternalAuthSettings(Duration.ofMillis(number(settings, TIMEOUT)),
                Math.toIntExact(number(settings, MAX_ANSWER_BYTES)));
    }

    private static long number(Map<String, String> settings, PluginSetting setting) {
        return Long.parseLong(settings.getOrDefault(setting.key(), setting.defaultValue()));
    }
}
