package org.radflow.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.radflow.config.RadflowProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the size of an API request body before it is buffered. The store refuses inline data above
 * {@code radflow.inline-limit-bytes} with a precise 413, but only after the whole body has been
 * parsed; this cap stops a mistaken upload (a DICOM file, a PDF) at the socket instead. It sits far
 * above any legitimate command, so the store's own limit is the one clients normally meet.
 *
 * <p>It wraps every request, not only those under {@code /api/}: whatever handler a future path
 * gets, its body is bounded the same way. Form bodies, which Tomcat parses itself without this
 * wrapper, are bounded by {@code server.tomcat.max-http-form-post-size}.
 *
 * <p>The limit is enforced while reading, so a chunked body without Content-Length is caught too;
 * the {@link BodyTooLarge} it throws surfaces through the JSON converter and {@link
 * ApiExceptionHandler} answers 413.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

  private static final long FLOOR_BYTES = 1024 * 1024;

  private final long limitBytes;

  RequestSizeLimit(RadflowProperties properties) {
    this.limitBytes = Math.max(FLOOR_BYTES, 4L * properties.inlineLimitBytes());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new Limited(request, limitBytes), response);
  }

  /** Reading past the limit, or a declared Content-Length above it. */
  static final class BodyTooLarge extends IOException {
    private final long limitBytes;

    BodyTooLarge(long limitBytes) {
      super("request body larger than " + limitBytes + " bytes");
      this.limitBytes = limitBytes;
    }

    long limitBytes() {
      return limitBytes;
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limitBytes;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limitBytes) {
      super(request);
      this.limitBytes = limitBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), limitBytes, getContentLengthLong());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limitBytes;
    private final long declaredBytes;
    private long read;

    Counting(ServletInputStream in, long limitBytes, long declaredBytes) {
      this.in = in;
      this.limitBytes = limitBytes;
      this.declaredBytes = declaredBytes;
    }

    private void check(long more) throws BodyTooLarge {
      if (declaredBytes > limitBytes) {
        throw new BodyTooLarge(limitBytes); // refuse before reading a byte of it
      }
      read += more;
      if (read > limitBytes) {
        throw new BodyTooLarge(limitBytes);
      }
    }

    @Override
    public int read() throws IOException {
      check(0);
      int b = in.read();
      if (b >= 0) {
        check(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      check(0);
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        check(n);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
