package io.lintel.core.inject;

import io.lintel.core.proxy.TrustedProxies;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of value a {@link Setting} takes, each with its check. Values come from the settings file as YAML
 * scalars (numbers are YAML integers, not quoted strings: a quoted number is a wrong type, as in Kubernetes) and
 * become the text of a system property.
 */
public enum SettingType {

    /** A whole number in the setting's range. */
    NUMBER {
        @Override
        String toPropertyText(Setting setting, Object value) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
                throw wrongType(setting, value);
            }
            BigInteger number = new BigInteger(value.toString());
            if (number.compareTo(BigInteger.valueOf(setting.min())) < 0
                    || number.compareTo(BigInteger.valueOf(setting.max())) > 0) {
                throw new IllegalArgumentException(number + " is out of range (expected: " + expected(setting) + ")");
            }
            return number.toString();
        }

        @Override
        String expected(Setting setting) {
            return setting.max() == Integer.MAX_VALUE || setting.max() == Long.MAX_VALUE
                    ? "a whole number >= " + setting.min()
                    : "a whole number from " + setting.min() + " to " + setting.max();
        }
    },

    /** One word of a fixed list. */
    /** {@code true} or {@code false}: a YAML boolean, or that text. */
    BOOLEAN {
        @Override
        String toPropertyText(Setting setting, Object value) {
            if (value instanceof Boolean flag) {
                return flag.toString();
            }
            String text = string(setting, value);
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("'" + text + "' is not allowed (expected: " + expected(setting) + ")");
            }
            return text;
        }

        @Override
        String expected(Setting setting) {
            return "true or false";
        }
    },

    CHOICE {
        @Override
        String toPropertyText(Setting setting, Object value) {
            String text = string(setting, value);
            if (!setting.choices().contains(text)) {
                throw new IllegalArgumentException("'" + text + "' is not allowed (expected: " + expected(setting) + ")");
            }
            return text;
        }

        @Override
        String expected(Setting setting) {
            return "one of " + String.join(", ", setting.choices());
        }
    },

    /** IP address blocks ({@code 10.0.0.0/8}; a bare address is one address): a list, or one comma-separated string. */
    ADDRESS_BLOCKS {
        @Override
        String toPropertyText(Setting setting, Object value) {
            List<String> blocks = new ArrayList<>();
            if (value instanceof String text) {
                for (String block : text.split(",")) {
                    if (!block.isBlank()) {
                        blocks.add(block.trim());
                    }
                }
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof String text)) {
                        throw wrongType(setting, item);
                    }
                    blocks.add(text.trim());
                }
            } else {
                throw wrongType(setting, value);
            }
            blocks.forEach(TrustedProxies::checkAddressBlock);
            return String.join(",", blocks);
        }

        @Override
        String expected(Setting setting) {
            return "a list of IP addresses or address/prefix blocks";
        }
    },

    /** An {@code http} or {@code https} URL with a host, or the empty string (the feature is off). */
    URL {
        @Override
        String toPropertyText(Setting setting, Object value) {
            String text = string(setting, value);
            String url = text.trim();
            if (url.isEmpty()) {
                return url;
            }
            try {
                java.net.URI uri = new java.net.URI(url);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return url;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + text + "' is not an http(s) URL (expected: " + expected(setting)
                    + ")");
        }

        @Override
        String expected(Setting setting) {
            return "an http:// or https:// URL, or empty";
        }
    },

    /** A number from 0 to 1 ({@code 0.25}); YAML integers 0 and 1 too. */
    RATIO {
        @Override
        String toPropertyText(Setting setting, Object value) {
            if (!(value instanceof Number number) || value instanceof BigInteger big && big.bitLength() > 31) {
                throw wrongType(setting, value);
            }
            double ratio = number.doubleValue();
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException(value + " is out of range (expected: " + expected(setting) + ")");
            }
            return Double.toString(ratio);
        }

        @Override
        String expected(Setting setting) {
            return "a number from 0 to 1";
        }
    },

    /** A non-empty line of text. */
    TEXT {
        @Override
        String toPropertyText(Setting setting, Object value) {
            String text = string(setting, value);
            if (text.isBlank() || text.indexOf('\n') >= 0 || text.length() > 256) {
                throw new IllegalArgumentException("'" + text + "' (expected: " + expected(setting) + ")");
            }
            return text.trim();
        }

        @Override
        String expected(Setting setting) {
            return "a non-empty line of text, at most 256 characters";
        }
    },

    /** {@code HOST:PORT}, as the command line's {@code --admin} takes it. */
    HOST_PORT {
        @Override
        String toPropertyText(Setting setting, Object value) {
            String text = string(setting, value);
            HostPort.parse(text);
            return text;
        }

        @Override
        String expected(Setting setting) {
            return "HOST:PORT";
        }
    };

    abstract String toPropertyText(Setting setting, Object value);

    abstract String expected(Setting setting);

    /** {@code value} as the YAML string a textual setting takes, else the wrong-type error naming what it was. */
    private static String string(Setting setting, Object value) {
        if (!(value instanceof String text)) {
            throw wrongType(setting, value);
        }
        return text;
    }

    private static IllegalArgumentException wrongType(Setting setting, Object value) {
        String got = value == null ? "no value"
                : value instanceof String text ? "the string '" + text + "'"
                : value instanceof List<?> ? "a list"
                : value instanceof java.util.Map<?, ?> ? "a mapping"
                : value instanceof Boolean ? "the boolean " + value
                : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
        return new IllegalArgumentException("wrong type: " + got + " (expected: " + setting.expected() + ")");
    }
}
