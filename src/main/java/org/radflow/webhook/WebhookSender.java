package org.radflow.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one delivery, to an address {@link WebhookTargets} has just checked. The request names that
 * address as its target, so the client connects there and nowhere else, while the URL's name still
 * goes into the Host header, the TLS server name and the certificate check. The client's own
 * resolver refuses every name: nothing in it may look one up behind the check's back. Redirects are
 * not followed and failed requests are not retried here; {@link DeliveryPolicy} decides.
 *
 * <p>The policy's timeout bounds the whole request, connecting included: the client's own timeouts
 * bound each wait, but a receiver trickling its answer a byte at a time would pass each of those,
 * hold a sender and outlive the claim's lease; so a deadline aborts the request when it is up.
 */
final class WebhookSender implements AutoCloseable {

  /** What one attempt came to. */
  sealed interface Outcome {

    /** The receiver answered with this status. */
    record Answered(int status) implements Outcome {}

    /** No answer: a timeout, a refused or broken connection. */
    record Failed(String error) implements Outcome {}

    /** Not sent: the URL or an address it resolves to is not allowed now. */
    record Refused(String reason) implements Outcome {}
  }

  private final WebhookTargets targets;
  private final Duration timeout;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "radflow-webhook-deadline");
            t.setDaemon(true);
            return t;
          });

  WebhookSender(WebhookTargets targets, Duration timeout, int connections) {
    this.targets = targets;
    this.timeout = timeout;
    Timeout limit = Timeout.of(timeout);
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(new NoLookups())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(limit)
                            .setSocketTimeout(limit)
                            .build())
                    .setMaxConnTotal(connections)
                    .setMaxConnPerRoute(connections)
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
  }

  Outcome send(DueDelivery delivery, String secret, Instant now) {
    WebhookTargets.Check check = targets.check(delivery.url());
    if (check instanceof WebhookTargets.Check.Refused refused) {
      return new Outcome.Refused(refused.reason());
    }
    WebhookTargets.Check.Allowed allowed = (WebhookTargets.Check.Allowed) check;
    URI url = allowed.url();
    InetAddress address = allowed.addresses().get(0);
    HttpHost target = new HttpHost(url.getScheme(), address, host(url), url.getPort());
    HttpPost post = new HttpPost(url);
    post.setHeader("X-Radflow-Event-Id", delivery.eventId().toString());
    post.setHeader("X-Radflow-Event-Type", delivery.eventType());
    post.setHeader("X-Radflow-Study", delivery.studyId().toString());
    post.setHeader("X-Radflow-Delivery", Long.toString(delivery.id()));
    post.setHeader(Signature.HEADER, Signature.sign(secret, now, delivery.payload()));
    if (delivery.replay()) {
      post.setHeader("X-Radflow-Replay", "true");
    }
    if (delivery.traceParent() != null) {
      post.setHeader("traceparent", delivery.traceParent()); // the study's trace continues there
    }
    post.setEntity(
        new ByteArrayEntity(
            delivery.payload().getBytes(StandardCharsets.UTF_8),
            ContentType.create("application/json")));
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              late.set(true);
              post.cancel();
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      int status =
          client.execute(
              target,
              post,
              response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
              });
      return new Outcome.Answered(status);
    } catch (IOException | RuntimeException e) {
      if (late.get() || e instanceof SocketTimeoutException) {
        return new Outcome.Failed("no answer within " + timeout + ": " + e);
      }
      return new Outcome.Failed(e.toString());
    } finally {
      deadline.cancel(false);
    }
  }

  private static String host(URI url) {
    String host = url.getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
  }

  /** The client never resolves: every request carries its checked address. */
  private static final class NoLookups implements org.apache.hc.client5.http.DnsResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      throw new UnknownHostException(host + ": the webhook sender connects to checked addresses");
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      throw new UnknownHostException(host + ": the webhook sender connects to checked addresses");
    }
  }
}
