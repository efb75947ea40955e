package io.lapsewatch.alerts.notify;

import io.lapsewatch.alerts.template.PersonalData;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a built email over SMTP: transient failures (connection trouble, 4xx replies) are retried
 * with backoff; 5xx replies, failed logins and certificates that do not verify are permanent.
 */
final class SmtpSender {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpSender.class);
  private static final String CHANNEL = EmailNotifier.CHANNEL;

  private final EmailNotifier.Smtp smtp;
  private final Session session;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;

  SmtpSender(EmailNotifier.Smtp smtp, Session session, HttpOptions timing) {
    this.smtp = smtp;
    this.session = session;
    this.retry = timing.retry();
    this.sleeper = timing.sleeper();
    this.jitter = timing.jitter();
  }

  /**
   * @param ref names the message in logs, e.g. {@code alert al-1}
   */
  DeliveryReceipt send(String ref, MimeMessage mime)
      throws DeliveryException, InterruptedException {
    String lastFailure = "no attempt made";
    MessagingException lastCause = null;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      try (Transport transport = session.getTransport()) {
        if (smtp.username().isPresent()) {
          transport.connect(
              smtp.host(), smtp.port(), smtp.username().get(), smtp.password().orElse(null));
        } else {
          transport.connect();
        }
        transport.sendMessage(mime, mime.getAllRecipients());
        return new DeliveryReceipt(attempt);
      } catch (MessagingException e) {
        lastCause = e;
        lastFailure = "SMTP " + smtp.host() + ":" + smtp.port() + " failed: " + describe(e);
        if (isPermanent(e)) {
          throw new DeliveryException(
              CHANNEL,
              lastFailure + ": an error that retrying cannot fix; check the email settings",
              attempt,
              true,
              e);
        }
      }
      if (attempt == retry.maxAttempts()) {
        break;
      }
      Duration delay = retry.backoff(attempt, jitter.getAsDouble());
      LOG.warn(
          "Delivery of {} by email failed on attempt {}/{} ({}); retrying in {} ms",
          ref,
          attempt,
          retry.maxAttempts(),
          lastFailure,
          delay.toMillis());
      sleeper.sleep(delay);
    }
    throw new DeliveryException(
        CHANNEL,
        "gave up after " + retry.maxAttempts() + " attempts; last: " + lastFailure,
        retry.maxAttempts(),
        false,
        lastCause);
  }

  /**
   * 5xx replies, refused addresses, failed logins and certificates that do not verify do not get
   * better by retrying.
   */
  static boolean isPermanent(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException) {
        return true;
      }
      if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 500) {
        return true;
      }
      if (t instanceof SendFailedException sf
          && sf.getValidSentAddresses() == null
          && sf.getInvalidAddresses() != null
          && sf.getInvalidAddresses().length > 0) {
        return true;
      }
    }
    return false;
  }

  private static String describe(MessagingException e) {
    String m = e.getMessage();
    Throwable cause = e.getCause();
    String text =
        e.getClass().getSimpleName()
            + (m == null ? "" : ": " + m.strip())
            + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
    // SMTP replies quote addresses; they are personal data.
    return PersonalData.scrub(text);
  }
}
