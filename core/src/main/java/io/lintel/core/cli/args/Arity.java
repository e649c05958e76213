package io.lintel.core.cli.args;

/** How many values an option takes on one command line. */
public enum Arity {
    /** No value: present or not ({@code --strict}). */
    FLAG,
    /** One value, given at most once ({@code --admin HOST:PORT}). */
    ONE,
    /** One value each time, given any number of times ({@code --hostname NAME --hostname NAME}). */
    REPEATABLE
}
