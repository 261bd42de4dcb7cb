package io.newmankeyvault.keyvault;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.newmankeyvault.network.Proxies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import reactor.core.publisher.Mono;

/**
 * The SDK's HTTP client (Entra ID through MSAL, the managed identity endpoint, Key Vault) with the
 * proxies' credentials: a request that goes through a proxy with credentials carries them ({@link
 * Proxies#authorization}), and a proxy's 407 is thrown as an {@link IOException}, so that the SDK
 * does not retry it and the tool explains it (as an answer it would reach Key Vault's challenge
 * handling as though the vault had sent it).
 */
final class ProxiedHttpClient implements HttpClient {
  private static final HttpHeaderName PROXY_AUTHORIZATION =
      HttpHeaderName.fromString("Proxy-Authorization");

  private final HttpClient inner;
  private final Proxies proxies;

  ProxiedHttpClient(HttpClient inner, Proxies proxies) {
    this.inner = inner;
    this.proxies = proxies;
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return send(request, Context.NONE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    authorize(request);
    return inner.send(request, context).map(ProxiedHttpClient::checked);
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    authorize(request);
    return checked(inner.sendSync(request, context));
  }

  private void authorize(HttpRequest request) {
    try {
      proxies
          .authorization(request.getUrl().toURI())
          .ifPresent(value -> request.setHeader(PROXY_AUTHORIZATION, value));
    } catch (URISyntaxException e) {
      // not a URL the JDK's client could send to either; it reports it
    }
  }

  private static HttpResponse checked(HttpResponse response) {
    if (response.getStatusCode() == 407) {
      try {
        response.close();
      } catch (RuntimeException e) {
        // a refused tunnel's answer has no body to close
      }
      throw new UncheckedIOException(new IOException("the proxy answered 407"));
    }
    return response;
  }
}
