package io.lapsewatch.alerts.notify;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.alerts.template.PersonalData;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email over SMTP (Jakarta Mail with Eclipse Angus): a multipart/alternative message with a plain
 * text and an HTML part. Connection, read and write timeouts are always set (Jakarta Mail's
 * defaults are infinite); STARTTLS or implicit TLS as configured, with the server's identity
 * checked. Sending and retrying is {@link SmtpSender}'s. Addresses are personal data and never
 * logged.
 */
public final class EmailNotifier implements DigestNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(EmailNotifier.class);

  public static final String CHANNEL = "email";

  /** Alerts per digest email. */
  static final int MAX_DIGEST_ALERTS = 200;

  /** How the connection to the SMTP server is protected. */
  public enum Security {
    /** Plain SMTP (only for a relay on the same host or a test server). */
    NONE,
    /** Upgrade with STARTTLS, and refuse to send if the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    TLS
  }

  /**
   * Where and how to reach the SMTP server.
   *
   * @param sslTrust hosts whose certificate is trusted without a CA chain ({@code *} for all), for
   *     test servers with self-signed certificates; empty in production
   * @param checkServerIdentity check that the certificate names the host (keep true in production)
   */
  public record Smtp(
      String host,
      int port,
      Security security,
      Optional<String> username,
      Optional<String> password,
      Duration connectTimeout,
      Duration readTimeout,
      Duration writeTimeout,
      Optional<String> sslTrust,
      boolean checkServerIdentity) {
    public Smtp {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("email host must be set");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("email port must be 1..65535, was " + port);
      }
      Objects.requireNonNull(security, "security");
      for (Duration d : List.of(connectTimeout, readTimeout, writeTimeout)) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("email timeouts must be > 0, was " + d);
        }
      }
      if (username.isPresent() != password.isPresent()) {
        throw new IllegalArgumentException("email username and password go together");
      }
    }

    @Override
    public String toString() {
      return "Smtp{"
          + host
          + ":"
          + port
          + " "
          + security
          + (username.isPresent() ? " auth" : "")
          + "}";
    }
  }

  private final Smtp smtp;
  private final InternetAddress from;
  private final List<InternetAddress> to;
  private final boolean toAgent;
  private final String subjectPrefix;
  private final MessageTemplates templates;
  private final Session session;
  private final SmtpSender sender;

  /**
   * @param to fixed recipients
   * @param toAgent also send to the alert's agent when the directory knows their email
   * @throws IllegalArgumentException naming a malformed address (the address itself is not echoed
   *     beyond its masked form) or when there is nobody to send to
   */
  public EmailNotifier(
      Smtp smtp,
      String from,
      List<String> to,
      boolean toAgent,
      String subjectPrefix,
      MessageTemplates templates,
      HttpOptions timing) {
    this.smtp = smtp;
    this.from = address("from", from);
    List<InternetAddress> list = new ArrayList<>();
    for (int i = 0; i < to.size(); i++) {
      list.add(address("to[" + i + "]", to.get(i)));
    }
    if (list.isEmpty() && !toAgent) {
      throw new IllegalArgumentException("email needs recipients: set to, or to-agent: true");
    }
    this.to = List.copyOf(list);
    this.toAgent = toAgent;
    this.subjectPrefix = subjectPrefix == null ? "" : subjectPrefix;
    this.templates = templates;
    this.session = Session.getInstance(properties(smtp));
    this.sender = new SmtpSender(smtp, session, timing);
  }

  private static InternetAddress address(String what, String value) {
    try {
      InternetAddress a = new InternetAddress(value, true);
      a.validate();
      return a;
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "email " + what + " is not a valid address: '" + PersonalData.maskEmail(value) + "'");
    }
  }

  static Properties properties(Smtp smtp) {
    Properties p = new Properties();
    String proto = "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail.smtp.host", smtp.host());
    p.put("mail.smtp.port", Integer.toString(smtp.port()));
    p.put("mail.smtp.connectiontimeout", Long.toString(smtp.connectTimeout().toMillis()));
    p.put("mail.smtp.timeout", Long.toString(smtp.readTimeout().toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(smtp.writeTimeout().toMillis()));
    p.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
    switch (smtp.security()) {
      case STARTTLS:
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(smtp.checkServerIdentity()));
        break;
      case TLS:
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(smtp.checkServerIdentity()));
        break;
      default:
        break;
    }
    smtp.sslTrust().ifPresent(t -> p.put("mail.smtp.ssl.trust", t));
    return p;
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException, InterruptedException {
    return deliver(EnrichedAlert.of(alert));
  }

  @Override
  public DeliveryReceipt deliver(EnrichedAlert alert)
      throws DeliveryException, InterruptedException {
    Message m = templates.render(alert.alert(), alert.attributes(), alert.caseLink());
    MimeMessage mime =
        build(
            m.title(),
            EmailBodies.text(m),
            EmailBodies.html(m),
            recipients(List.of(alert)),
            alert.alert().alertId);
    return sender.send("alert " + alert.alert().alertId, mime);
  }

  @Override
  public int digestCapacity(List<EnrichedAlert> alerts) {
    return Math.min(alerts.size(), MAX_DIGEST_ALERTS);
  }

  @Override
  public DeliveryReceipt deliverDigest(List<EnrichedAlert> alerts)
      throws DeliveryException, InterruptedException {
    DigestMessage d =
        templates.digest(
            alerts.stream().map(EnrichedAlert::alert).toList(),
            alerts.stream().map(EnrichedAlert::caseLink).toList());
    MimeMessage mime =
        build(
            d.title(),
            EmailBodies.text(d),
            EmailBodies.html(d),
            recipients(alerts),
            alerts.get(0).alert().alertId);
    return sender.send("digest of " + alerts.size() + " alerts", mime);
  }

  private List<InternetAddress> recipients(List<EnrichedAlert> alerts) throws DeliveryException {
    Set<InternetAddress> all = new LinkedHashSet<>(to);
    if (toAgent) {
      for (EnrichedAlert a : alerts) {
        Optional<String> email = a.attribute(EnrichedAlert.AGENT_EMAIL);
        if (email.isPresent()) {
          try {
            all.add(new InternetAddress(email.get(), true));
          } catch (AddressException e) {
            LOG.warn(
                "Agent of alert {} has a malformed email address ({}); not sending it there",
                a.alert().alertId,
                PersonalData.maskEmail(email.get()));
          }
        }
      }
    }
    if (all.isEmpty()) {
      throw new DeliveryException(
          CHANNEL, "no recipient: the agent directory has no email for this agent", 1, true, null);
    }
    return new ArrayList<>(all);
  }

  private MimeMessage build(
      String title, String text, String html, List<InternetAddress> recipients, String alertId)
      throws DeliveryException {
    try {
      MimeMessage mime = new MimeMessage(session);
      mime.setFrom(from);
      mime.setRecipients(
          jakarta.mail.Message.RecipientType.TO, recipients.toArray(new InternetAddress[0]));
      mime.setSubject(subjectPrefix + title, "UTF-8");
      mime.setSentDate(new Date());
      mime.setHeader("X-LapseWatch-Alert-Id", alertId);
      MimeBodyPart textPart = new MimeBodyPart();
      textPart.setText(text, "UTF-8", "plain");
      MimeBodyPart htmlPart = new MimeBodyPart();
      htmlPart.setText(html, "UTF-8", "html");
      // Alternatives go from plainest to richest; clients show the last one they can.
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(textPart);
      alternative.addBodyPart(htmlPart);
      mime.setContent(alternative);
      mime.saveChanges();
      return mime;
    } catch (MessagingException e) {
      throw new DeliveryException(
          CHANNEL, "could not build the email: " + PersonalData.scrub(e.getMessage()), 1, true, e);
    }
  }

  @Override
  public String toString() {
    return "EmailNotifier{" + smtp + ", recipients=" + to.size() + (toAgent ? "+agent" : "") + "}";
  }
}
