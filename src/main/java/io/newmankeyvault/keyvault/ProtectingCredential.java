package io.newmankeyvault.keyvault;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/** Adds every access token the wrapped credential hands out to the run's protected values. */
final class ProtectingCredential implements TokenCredential {
  private final TokenCredential delegate;
  private final Consumer<String> protect;

  ProtectingCredential(TokenCredential delegate, Consumer<String> protect) {
    this.delegate = delegate;
    this.protect = protect;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return delegate.getToken(request).doOnNext(token -> protect.accept(token.getToken()));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    AccessToken token = delegate.getTokenSync(request);
    protect.accept(token.getToken());
    return token;
  }
}
