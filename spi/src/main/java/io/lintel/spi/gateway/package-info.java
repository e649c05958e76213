/**
 * Gateway-level settings a plugin interprets for core: {@link io.lintel.spi.gateway.GatewayTlsExtension} (the
 * Gateway's {@code spec.tls}: client certificate validation of HTTPS listeners, the backend client certificate, and
 * the detection of misdirected requests). Pure values, no Kubernetes or Netty types.
 */
package io.lintel.spi.gateway;
