package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.EmailNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.List;
import java.util.Set;

/** {@code channel: email}: mail over SMTP; server, login, sender and recipients. */
final class EmailChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return EmailNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    return Set.of(
        "host",
        "port",
        "security",
        "username",
        "password",
        "from",
        "to",
        "to-agent",
        "subject-prefix",
        "read-timeout-ms",
        "write-timeout-ms",
        "ssl-trust",
        "ssl-check-server-identity");
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    EmailNotifier.Security security =
        s.choice("security", EmailNotifier.Security.STARTTLS, EmailNotifier.Security.class);
    int defaultPort = security == EmailNotifier.Security.TLS ? 465 : 587;
    EmailNotifier.Smtp smtp =
        new EmailNotifier.Smtp(
            s.required("host"),
            s.has("port") ? s.node("port").intIn(1, 65535) : defaultPort,
            security,
            s.optional("username"),
            s.optional("password"),
            options.connectTimeout(),
            s.millis("read-timeout-ms", options.requestTimeout()),
            s.millis("write-timeout-ms", options.requestTimeout()),
            s.optional("ssl-trust"),
            !s.has("ssl-check-server-identity") || s.node("ssl-check-server-identity").bool());
    return new EmailNotifier(
        smtp,
        s.required("from"),
        s.has("to") ? s.list("to") : List.of(),
        s.has("to-agent") && s.node("to-agent").bool(),
        s.optional("subject-prefix").orElse("[LapseWatch] "),
        templates,
        options);
  }
}
