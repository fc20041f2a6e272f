package org.radflow.api;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses some requests before any servlet runs (an encoded slash in the path, a malformed
 * request line) and answers them from its error report valve, an HTML page. This swaps that valve
 * for one that writes the same problem document as the rest of the API.
 *
 * <p>Spring Boot installs its own valve in a customizer of order 0; this one runs after it, so it
 * removes Boot's and takes its place, and names its class as the host's error report valve so the
 * host does not add Tomcat's default (which shows the server version) on start.
 */
@Component
class ContainerErrors
    implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          Container host = context.getParent();
          for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
              host.getPipeline().removeValve(valve);
            }
          }
          host.getPipeline().addValve(new ProblemReportValve());
          // The host adds a default valve on start unless one of exactly this class is present.
          if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Reports only errors nothing else has answered: it knows the status and nothing more. */
  static final class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      ProblemType type = ProblemType.forStatus(status);
      String detail =
          status >= 500
              ? "radflow could not complete the request because of an internal error"
              : "the server refused the request before reading it (HTTP "
                  + status
                  + "); check the path and headers, e.g. an encoded slash (%2F) in the path";
      try {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(
              "{\"type\":\""
                  + type.uri()
                  + "\",\"title\":\""
                  + type.title()
                  + "\",\"status\":"
                  + status
                  + ",\"detail\":\""
                  + detail
                  + "\"}");
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the client is gone or the response was committed meanwhile; nothing more to say
      }
    }
  }
}
