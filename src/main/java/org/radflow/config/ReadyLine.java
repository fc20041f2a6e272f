package org.radflow.config;

import java.net.InetAddress;
import org.radflow.hl7.Hl7Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once the application is ready, one line says where radflow listens and where its data is: {@code
 * radflow ready: http://127.0.0.1:8080 (API docs /api/v1/docs) · MLLP 127.0.0.1:2575 · data
 * ./data}. The ports are the bound ones, so port 0 shows the port taken.
 */
@Component
class ReadyLine implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger("radflow");

  private final Environment environment;
  private final RadflowProperties properties;
  private final ObjectProvider<Hl7Service> hl7;
  private final ObjectProvider<MllpProperties> mllp;

  ReadyLine(
      Environment environment,
      RadflowProperties properties,
      ObjectProvider<Hl7Service> hl7,
      ObjectProvider<MllpProperties> mllp) {
    this.environment = environment;
    this.properties = properties;
    this.hl7 = hl7;
    this.mllp = mllp;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)
        || web.getWebServer() == null) {
      return;
    }
    String http = host(environment.getProperty("server.address", "0.0.0.0"));
    Hl7Service service = hl7.getIfAvailable();
    MllpProperties settings = mllp.getIfAvailable();
    String mllpAddress =
        service == null || settings == null
            ? null
            : host(settings.bind()) + ":" + service.listener().port();
    log.info(line(http, web.getWebServer().getPort(), mllpAddress, data()));
  }

  /** The line itself; {@code mllp} null means the listener is off. */
  static String line(String httpHost, int httpPort, String mllp, String data) {
    return "radflow ready: http://"
        + httpHost
        + ":"
        + httpPort
        + " (API docs /api/v1/docs) · "
        + (mllp == null ? "MLLP off" : "MLLP " + mllp)
        + " · data "
        + data;
  }

  private String data() {
    String home = properties.home().toString();
    home = home.startsWith("/") || home.startsWith(".") ? home : "./" + home;
    String url = properties.db() == null ? null : properties.db().url();
    if (url == null || url.isBlank()) {
      return home;
    }
    // the database without its parameters (which may hold credentials); files stay in home
    int query = url.indexOf('?');
    return (query < 0 ? url : url.substring(0, query)) + ", files " + home;
  }

  private static String host(String address) {
    try {
      String literal = InetAddress.getByName(address).getHostAddress();
      return literal.contains(":") ? "[" + literal + "]" : literal;
    } catch (Exception e) {
      return address;
    }
  }
}
