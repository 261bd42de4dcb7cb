package io.newmankeyvault.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A corporate HTTP proxy on 127.0.0.1: {@code CONNECT host:port} tunnels (for https) and
 * absolute-form requests ({@code GET http://host:port/path}, for http), both only with the Basic
 * {@code Proxy-Authorization} it was given (else 407 with {@code Proxy-Authenticate: Basic}). It
 * alone resolves the fakes' names: {@code localhost} and {@code *.localhost} go to 127.0.0.1, any
 * other name gets 502, so a client whose JVM resolves nothing (an empty hosts file) reaches the
 * fakes only through it.
 */
public final class FakeProxy implements AutoCloseable {
  /** One request as the proxy saw it: CONNECT or the method, its target, and if it was let in. */
  public record Request(String method, String target, boolean authorized) {
    /** The target's host, lower case, without the port or the scheme. */
    public String host() {
      String rest = target.replaceFirst("^[a-z]+://", "");
      return rest.replaceFirst("[:/].*$", "").toLowerCase(Locale.ROOT);
    }
  }

  private final ServerSocket server;
  private final String expectedAuthorization;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  /**
   * A proxy that wants {@code user}/{@code password} (Basic), or none when {@code user} is null.
   */
  public FakeProxy(String user, String password) throws IOException {
    expectedAuthorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = new ServerSocket();
    server.bind(new InetSocketAddress(FakeHttp.LOOPBACK, 0), 64);
    Thread acceptor = new Thread(this::accept, "fake-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code http://USER:PASSWORD@127.0.0.1:PORT} with the parts as given (already URL-encoded). */
  public String url(String userInfo) {
    return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** The hosts of the requests that were let through. */
  public List<String> tunnelledHosts() {
    return requests.stream().filter(Request::authorized).map(Request::host).distinct().toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread thread = new Thread(() -> serve(client), "fake-proxy-conn");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String method = requestLine[0];
      String target = requestLine[1];
      String authorization = header(lines, "proxy-authorization");
      boolean authorized =
          expectedAuthorization == null || expectedAuthorization.equals(authorization);
      requests.add(new Request(method, target, authorized));
      if (!authorized) {
        out.write(
            String.join(
                    "\r\n",
                    "HTTP/1.1 407 Proxy Authentication Required",
                    "Proxy-Authenticate: Basic realm=\"corp\"",
                    "Content-Length: 0",
                    "Connection: close",
                    "",
                    "")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return;
      }
      if (method.equals("CONNECT")) {
        String[] hostPort = target.split(":");
        try (Socket origin = connect(hostPort[0], Integer.parseInt(hostPort[1]), out)) {
          if (origin == null) {
            return;
          }
          out.write(
              "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          pipe(in, origin.getOutputStream(), origin.getInputStream(), out);
        }
        return;
      }
      java.net.URI uri = java.net.URI.create(target);
      int port = uri.getPort() == -1 ? 80 : uri.getPort();
      try (Socket origin = connect(uri.getHost(), port, out)) {
        if (origin == null) {
          return;
        }
        StringBuilder forwarded =
            new StringBuilder(method)
                .append(' ')
                .append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(' ')
                .append(requestLine[2])
                .append("\r\n");
        for (int i = 1; i < lines.length; i++) {
          String name = lines[i].split(":", 2)[0].toLowerCase(Locale.ROOT);
          if (!name.startsWith("proxy-") && !name.equals("connection")) {
            forwarded.append(lines[i]).append("\r\n");
          }
        }
        forwarded.append("Connection: close\r\n\r\n");
        origin.getOutputStream().write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
        // The answer, told to close: one request per proxy connection keeps this proxy simple.
        Thread upload = copyInBackground(in, origin.getOutputStream());
        InputStream fromOrigin = origin.getInputStream();
        String answerHead = readHead(fromOrigin);
        if (answerHead != null) {
          String[] answerLines = answerHead.split("\r\n");
          StringBuilder answer =
              new StringBuilder(answerLines[0]).append("\r\nConnection: close\r\n");
          for (int i = 1; i < answerLines.length; i++) {
            if (!answerLines[i].toLowerCase(Locale.ROOT).startsWith("connection:")) {
              answer.append(answerLines[i]).append("\r\n");
            }
          }
          out.write(answer.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
          fromOrigin.transferTo(out);
          out.flush();
        }
        upload.interrupt();
      }
    } catch (IOException e) {
      // the client or the origin went away
    } finally {
      open.remove(client);
    }
  }

  /**
   * A connection to the origin, or null after answering 502 for a name this proxy does not know.
   */
  private static Socket connect(String host, int port, OutputStream out) throws IOException {
    String name = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
    if (!(name.equals("localhost") || name.endsWith(".localhost") || name.equals("127.0.0.1"))) {
      out.write(
          "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return null;
    }
    return new Socket(FakeHttp.LOOPBACK, port);
  }

  private static void pipe(
      InputStream clientIn, OutputStream originOut, InputStream originIn, OutputStream clientOut)
      throws IOException {
    Thread upload = copyInBackground(clientIn, originOut);
    try {
      originIn.transferTo(clientOut);
    } finally {
      upload.interrupt();
    }
  }

  private static Thread copyInBackground(InputStream from, OutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              try {
                from.transferTo(to);
              } catch (IOException e) {
                // one side closed
              }
            },
            "fake-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** The request or response head, without the blank line; null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
    }
    return null;
  }

  private static String header(String[] lines, String name) {
    for (int i = 1; i < lines.length; i++) {
      String[] pair = lines[i].split(":", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
        return pair[1].trim();
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket socket : open) {
        socket.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
