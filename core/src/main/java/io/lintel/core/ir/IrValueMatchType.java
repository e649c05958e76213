package io.lintel.core.ir;

/** How a header or query parameter value is compared. */
public enum IrValueMatchType { EXACT, REGULAR_EXPRESSION }
