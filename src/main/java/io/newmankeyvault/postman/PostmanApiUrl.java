package io.newmankeyvault.postman;

import io.newmankeyvault.base.UserFacingException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Which base URLs the Postman API key may be sent to. */
public final class PostmanApiUrl {
  private PostmanApiUrl() {}

  /**
   * The base URL as a URI: https, or http to a loopback host only (a local fake or proxy); a
   * trailing slash is dropped. Anything else is a usage error, which never quotes the URL.
   */
  public static URI check(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip().replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      // Never quoted: a user part or a query may hold a credential.
      throw UserFacingException.usage(
          "--postman-api-url is not a URL: give https://HOST[:PORT][/PATH], e.g. "
              + PostmanApi.DEFAULT_URL);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw UserFacingException.usage(
          "--postman-api-url must be an https URL, e.g. " + PostmanApi.DEFAULT_URL);
    }
    if (uri.getQuery() != null || uri.getUserInfo() != null || uri.getFragment() != null) {
      throw UserFacingException.usage(
          "--postman-api-url must not carry a query, credentials or a fragment");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw UserFacingException.usage(
          "--postman-api-url uses plain http to "
              + uri.getHost()
              + ": the API key would cross the network unencrypted; use https (http is allowed"
              + " only for loopback hosts)");
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|\\[[0-9a-f:]+\\]")) {
      return false; // a name: resolving it would ask DNS
    }
    try {
      return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
