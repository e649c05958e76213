package io.lintel.core.cli.args;

/** Turns an option's or argument's text into a value. */
@FunctionalInterface
public interface ValueConverter<T> {

    /**
     * @throws IllegalArgumentException whose message shows the text and what was expected ({@code 'x' (expected:
     *         HOST:PORT)}); the caller adds which option it was
     */
    T convert(String text);
}
