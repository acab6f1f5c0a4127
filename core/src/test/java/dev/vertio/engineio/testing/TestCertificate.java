package dev.vertio.engineio.testing;

import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate made at test time for {@code localhost} and {@code 127.0.0.1} (both as
 * subject alternative names, so clients that check the host name accept it), written as PEM files:
 * {@link #certPath()} and {@link #keyPath()}. It is made with the JDK's {@code keytool} (Vert.x's
 * {@code SelfSignedCertificate} has no IP address in it, which Node's TLS refuses for {@code
 * 127.0.0.1}). Trust the certificate itself: it is its own CA.
 */
public final class TestCertificate implements AutoCloseable {
  private static final String PASSWORD = "changeit";
  private final Path dir;
  private final Path cert;
  private final Path key;

  private TestCertificate(Path dir) {
    this.dir = dir;
    this.cert = dir.resolve("cert.pem");
    this.key = dir.resolve("key.pem");
  }

  /**
   * @return a new certificate and key in a temporary folder
   */
  public static TestCertificate create() {
    try {
      TestCertificate c = new TestCertificate(Files.createTempDirectory("vertio-tls"));
      c.generate();
      return c;
    } catch (IOException e) {
      throw new AssertionError("cannot create a test certificate", e);
    }
  }

  private void generate() throws IOException {
    Path store = dir.resolve("store.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "vertio",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      Key k = ks.getKey("vertio", PASSWORD.toCharArray());
      Certificate c = ks.getCertificate("vertio");
      Files.writeString(cert, pem("CERTIFICATE", c.getEncoded()));
      Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
      Files.delete(store);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * @return the certificate, PEM
   */
  public Path certPath() {
    return cert;
  }

  /**
   * @return the private key, PEM (PKCS#8)
   */
  public Path keyPath() {
    return key;
  }

  /**
   * @return server-side options with the key and certificate
   */
  public PemKeyCertOptions keyCertOptions() {
    return new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
  }

  /**
   * @return client-side options trusting exactly this certificate
   */
  public PemTrustOptions trustOptions() {
    return new PemTrustOptions().addCertPath(cert.toString());
  }

  /**
   * @return an SSL context (TLS) whose only trusted certificate is this one
   */
  public SSLContext sslContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trustManager()}, null);
      return ctx;
    } catch (Exception e) {
      throw new AssertionError("cannot build an SSL context", e);
    }
  }

  /**
   * @return a trust manager whose only trusted certificate is this one (OkHttp wants one)
   */
  public X509TrustManager trustManager() {
    try {
      X509Certificate c;
      try (InputStream in = Files.newInputStream(cert)) {
        c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("vertio", c);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return (X509TrustManager) List.of(tmf.getTrustManagers()).get(0);
    } catch (Exception e) {
      throw new AssertionError("cannot build a trust manager", e);
    }
  }

  @Override
  public void close() {
    for (Path f : List.of(cert, key, dir)) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }
}
