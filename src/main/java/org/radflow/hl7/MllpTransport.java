package org.radflow.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * What MLLP runs over: plain TCP, or TLS with the JDK's own implementation (no dependency added).
 * Plain is the null object, so the listener has no "if TLS" of its own.
 */
public sealed interface MllpTransport {

  MllpTransport PLAIN = new Plain();

  /** An unbound server socket of this transport. */
  ServerSocket serverSocket() throws IOException;

  /**
   * Whatever must happen on an accepted connection before frames are read, within {@code timeout};
   * throws when the sender fails it, and the connection is then closed.
   */
  void handshake(Socket socket, Duration timeout) throws IOException;

  /** Plain TCP: nothing to agree on. */
  record Plain() implements MllpTransport {
    @Override
    public ServerSocket serverSocket() throws IOException {
      return new ServerSocket();
    }

    @Override
    public void handshake(Socket socket, Duration timeout) {
      // nothing to agree on
    }
  }

  /** Whether a sender must show a certificate the truststore trusts. */
  enum ClientAuth {
    /** No certificate is asked for. */
    NONE,
    /** A certificate is asked for; a sender without one is still served. */
    WANT,
    /** A sender without a trusted certificate is refused at the handshake. */
    NEED;

    /** Reads {@code none}, {@code want} or {@code need}, as RADFLOW_MLLP_TLS_CLIENT_AUTH. */
    public static ClientAuth parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "RADFLOW_MLLP_TLS_CLIENT_AUTH must be none, want or need, was '" + text + "'", e);
      }
    }
  }

  /** TLS with the server's key and, when client certificates are asked for, whom to trust. */
  record Tls(SSLContext context, ClientAuth clientAuth) implements MllpTransport {

    public Tls {
      if (context == null || clientAuth == null) {
        throw new IllegalArgumentException("TLS needs a context and a client-auth mode");
      }
    }

    @Override
    public ServerSocket serverSocket() throws IOException {
      SSLServerSocket server =
          (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
      switch (clientAuth) {
        case NEED -> server.setNeedClientAuth(true);
        case WANT -> server.setWantClientAuth(true);
        case NONE -> server.setNeedClientAuth(false);
      }
      return server;
    }

    @Override
    public void handshake(Socket socket, Duration timeout) throws IOException {
      int poll = socket.getSoTimeout();
      // a sender that connects and never speaks TLS must not hold its slot for ever
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      ((SSLSocket) socket).startHandshake();
      socket.setSoTimeout(poll);
    }

    /**
     * Loads the key store (and the trust store, when client certificates are asked for).
     *
     * @param truststore required unless {@code clientAuth} is NONE: radflow trusts only the
     *     certificates (or their issuers) an operator put there, not the JDK's public CAs
     */
    public static Tls load(
        Path keystore,
        char[] keystorePassword,
        String keystoreType,
        ClientAuth clientAuth,
        Path truststore,
        char[] truststorePassword,
        String truststoreType)
        throws IOException, GeneralSecurityException {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store(keystore, keystorePassword, keystoreType), keystorePassword);
      TrustManagerFactory trust = null;
      if (clientAuth != ClientAuth.NONE) {
        if (truststore == null) {
          throw new IllegalArgumentException(
              "RADFLOW_MLLP_TLS_CLIENT_AUTH="
                  + clientAuth.name().toLowerCase(Locale.ROOT)
                  + " needs RADFLOW_MLLP_TLS_TRUSTSTORE: the certificates senders may show");
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store(truststore, truststorePassword, truststoreType));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return new Tls(context, clientAuth);
    }

    private static KeyStore store(Path file, char[] password, String type)
        throws IOException, GeneralSecurityException {
      KeyStore store = KeyStore.getInstance(type);
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password);
      }
      return store;
    }
  }
}
