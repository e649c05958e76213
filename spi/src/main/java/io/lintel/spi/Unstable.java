package io.lintel.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an SPI element that may change incompatibly in any release, because it exposes the data plane's
 * internals (Netty pipeline pieces, TLS contexts). Plugins that use it must be rebuilt with each Lintel release.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PACKAGE})
public @interface Unstable {}
