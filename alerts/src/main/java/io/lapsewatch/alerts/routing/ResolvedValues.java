package io.lapsewatch.alerts.routing;

import io.lapsewatch.alertcontract.settings.SecretResolver;

/** Reads scalars of the routing file with {@code ${env:..}} and {@code ${file:..}} filled in. */
final class ResolvedValues {
  private final SecretResolver secrets;

  ResolvedValues(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /** A scalar with {@code ${env:..}} and {@code ${file:..}} filled in. */
  String of(YamlNode node) {
    return secrets.resolve(node.text(), node.where(), RoutingConfigException::new).trim();
  }
}
