package io.newmankeyvault.network;

import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The proxies that {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} (either case) name,
 * for every connection of the tool but the managed identity endpoint, chosen as Newman chooses them
 * (postman-request): an https URL goes through {@code HTTPS_PROXY}, else {@code HTTP_PROXY}; an
 * http URL through {@code HTTP_PROXY}; the upper-case name first; {@link NoProxy} sends hosts
 * direct. Credentials in a proxy URL go to the proxy as Basic {@code Proxy-Authorization}, for
 * https tunnels too ({@link #systemProperties()}); they are never printed.
 */
public final class Proxies {
  /** The variables that name a managed identity endpoint, which is never proxied (nor IMDS). */
  private static final List<String> MANAGED_IDENTITY_VARIABLES =
      List.of("IDENTITY_ENDPOINT", "MSI_ENDPOINT", "IMDS_ENDPOINT");

  private static final String IMDS = "169.254.169.254";

  private final UserFacingException problem;
  private final ProxyUrl forHttps;
  private final ProxyUrl forHttp;
  private final String noProxyVariable;
  private final NoProxy noProxy;
  private final Set<String> neverProxied;
  private final List<String> credentials;
  private final Consumer<String> routes;
  private final Set<String> told = ConcurrentHashMap.newKeySet();

  private Proxies(
      UserFacingException problem,
      ProxyUrl forHttps,
      ProxyUrl forHttp,
      String noProxyVariable,
      NoProxy noProxy,
      Set<String> neverProxied,
      List<String> credentials,
      Consumer<String> routes) {
    this.problem = problem;
    this.forHttps = forHttps;
    this.forHttp = forHttp;
    this.noProxyVariable = noProxyVariable;
    this.noProxy = noProxy;
    this.neverProxied = neverProxied;
    this.credentials = credentials;
    this.routes = routes;
  }

  /** No proxy variable set: the JDK's defaults. */
  public static Proxies none() {
    return from(Map.of());
  }

  /**
   * The proxies of {@code environment}. A variable that is not an http proxy URL is an error (exit
   * 2, naming the variable, never its value: it may hold a password) when the tool first connects:
   * a run that makes no connection of its own does not need it.
   */
  public static Proxies from(Map<String, String> environment) {
    List<String> credentials = new ArrayList<>();
    ProxyUrl http = null;
    ProxyUrl https = null;
    UserFacingException problem = null;
    try {
      http = ProxyUrl.first(environment, "HTTP_PROXY", "http_proxy");
      https = ProxyUrl.first(environment, "HTTPS_PROXY", "https_proxy");
      for (ProxyUrl proxy : new ProxyUrl[] {http, https}) {
        if (proxy != null) {
          credentials.addAll(proxy.credentials());
        }
      }
    } catch (UserFacingException e) {
      problem = e;
      for (String name : List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")) {
        String value = environment.get(name);
        if (value != null && !value.isBlank()) {
          credentials.add(value.strip()); // unparsed: all of it may be secret
        }
      }
    }
    String noProxyVariable = ProxyUrl.firstSet(environment, "NO_PROXY", "no_proxy");
    Set<String> never = new HashSet<>(Set.of(IMDS));
    for (String variable : MANAGED_IDENTITY_VARIABLES) {
      String value = environment.get(variable);
      try {
        String host = value == null ? null : URI.create(value.strip()).getHost();
        if (host != null) {
          never.add(host.toLowerCase(Locale.ROOT));
        }
      } catch (IllegalArgumentException e) {
        // the SDK reports a malformed endpoint itself
      }
    }
    return new Proxies(
        problem,
        https != null ? https : http,
        http,
        noProxyVariable,
        NoProxy.parse(noProxyVariable == null ? null : environment.get(noProxyVariable)),
        Set.copyOf(never),
        List.copyOf(credentials),
        line -> {});
  }

  /** The same proxies, telling {@code sink} once per host which proxy serves it (--verbose). */
  public Proxies tellingRoutesTo(Consumer<String> sink) {
    return new Proxies(
        problem, forHttps, forHttp, noProxyVariable, noProxy, neverProxied, credentials, sink);
  }

  /**
   * The values to protect: each proxy password as written in the URL and decoded, and the Basic
   * credentials made of it.
   */
  public List<String> credentials() {
    return credentials;
  }

  /**
   * JVM-wide settings, applied by {@code Main} before the first connection: the JDK drops a Basic
   * {@code Proxy-Authorization} from https tunnels unless told, and corporate proxies ask for
   * Basic.
   */
  public static Map<String, String> systemProperties() {
    return Map.of("jdk.http.auth.tunneling.disabledSchemes", "");
  }

  /**
   * Sends {@code builder}'s connections through these proxies (unchanged when no proxy variable is
   * set, so the JVM's {@code https.proxyHost} still applies); exit 2 when one is malformed.
   */
  public HttpClient.Builder configure(HttpClient.Builder builder) {
    if (problem != null) {
      throw problem;
    }
    return forHttps == null ? builder : builder.proxy(new Selector());
  }

  /**
   * The {@code Proxy-Authorization} header for a request to {@code target}, when it goes through a
   * proxy with credentials. Sent at once rather than after a 407: an {@link java.net.Authenticator}
   * would make the JDK's client fail every 401 without {@code WWW-Authenticate} (the Postman API's,
   * the OIDC endpoints') instead of answering it. The JDK sends {@code Proxy-*} headers to proxies
   * only, never to the host.
   */
  public Optional<String> authorization(URI target) {
    return route(target).map(ProxyUrl::basic);
  }

  /** {@code request} with the {@link #authorization} its route needs, if any. */
  public HttpRequest authorized(HttpRequest request) {
    return authorization(request.uri())
        .map(
            value ->
                HttpRequest.newBuilder(request, (name, v) -> true)
                    .header("Proxy-Authorization", value)
                    .build())
        .orElse(request);
  }

  /** {@code " through the proxy http://HOST:PORT (VARIABLE)"}, or empty text when direct. */
  public String through(URI target) {
    return route(target).map(proxy -> " through the proxy " + proxy.display()).orElse("");
  }

  /**
   * What to say when the proxy in front of {@code target} answered 407: one line naming the proxy
   * (never its credentials) and what to check.
   */
  public Optional<String> refusal(URI target) {
    return route(target)
        .map(
            proxy ->
                "the proxy "
                    + proxy.display()
                    + (proxy.user() == null
                        ? " asks for credentials (407): put them in "
                            + proxy.variable()
                            + " as http://USER:PASSWORD@HOST:PORT"
                        : " refused the credentials in "
                            + proxy.variable()
                            + " (407): check the user and the password (URL-encoded)"));
  }

  /**
   * The refusal when {@code failure} is a proxy's 407 that a client threw (the Azure SDK's, see
   * {@code keyvault}); else empty.
   */
  public Optional<String> refusal(Throwable failure, URI target) {
    return isRefusal(failure) ? refusal(target) : Optional.empty();
  }

  /** Whether {@code failure} is a proxy's 407, thrown: no retry helps. */
  public static boolean isRefusal(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage()).contains("407")) {
        return true;
      }
    }
    return false;
  }

  /** The proxy that serves {@code target}, or empty when it goes direct; told once per host. */
  Optional<ProxyUrl> route(URI target) {
    String scheme = String.valueOf(target.getScheme()).toLowerCase(Locale.ROOT);
    ProxyUrl proxy = scheme.equals("https") ? forHttps : scheme.equals("http") ? forHttp : null;
    String host = String.valueOf(target.getHost()).toLowerCase(Locale.ROOT);
    int port = target.getPort() != -1 ? target.getPort() : scheme.equals("https") ? 443 : 80;
    String reason = null;
    if (proxy == null) {
      reason = "no " + (scheme.equals("https") ? "HTTPS_PROXY or HTTP_PROXY" : "HTTP_PROXY");
    } else if (neverProxied.contains(host.replace("[", "").replace("]", ""))) {
      reason = "the managed identity endpoint is never proxied";
    } else if (noProxy.excludes(host, port)) {
      reason = noProxyVariable;
    }
    if (told.add(host + ":" + port)) {
      routes.accept(
          "proxy: "
              + host
              + ":"
              + port
              + (reason == null ? " via " + proxy.display() : " direct (" + reason + ")"));
    }
    return reason == null ? Optional.of(proxy) : Optional.empty();
  }

  private final class Selector extends ProxySelector {
    @Override
    public List<Proxy> select(URI uri) {
      return route(uri)
          .map(
              proxy ->
                  List.of(
                      new Proxy(
                          Proxy.Type.HTTP,
                          InetSocketAddress.createUnresolved(proxy.host(), proxy.port()))))
          .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
      // the HTTP client reports the failure to the caller
    }
  }
}
