package io.newmankeyvault.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlTextTest {
  private static final String KEY = "PMAK-CANARY-0123456789abcdef-END";

  @Test
  void aUrlIsSplitIntoItsParts() {
    UrlText url =
        UrlText.parse("HTTPS://user:pw%40d@API.getpostman.com:8443/base/collections/1?a=b&c#d=e")
            .orElseThrow();
    assertThat(url.scheme()).isEqualTo("HTTPS");
    assertThat(url.userInfo()).isEqualTo("user:pw%40d");
    assertThat(url.hostPort()).isEqualTo("API.getpostman.com:8443");
    assertThat(url.path()).isEqualTo("/base/collections/1");
    assertThat(url.query()).isEqualTo("a=b&c");
    assertThat(url.fragment()).isEqualTo("d=e");
    assertThat(url.origin()).isEqualTo("HTTPS://API.getpostman.com:8443");
  }

  @Test
  void textThatIsNoUrlIsNotParsedAndNeverThrows() {
    assertThat(UrlText.parse("collection.json")).isEmpty();
    assertThat(UrlText.parse("api.getpostman.com/collections/1?apikey=x")).isEmpty();
    assertThat(UrlText.parse("C:\\postman\\c.json")).isEmpty();
    assertThat(UrlText.parse("https://host with spaces/%zz?\u0000")).isPresent();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://api.getpostman.com/collections/1?apikey=$K",
        "https://api.getpostman.com/collections/1?apiKey=$K",
        "https://api.getpostman.com/collections/1?API_KEY=$K",
        "https://api.getpostman.com/collections/1?x-api-key=$K",
        "https://api.getpostman.com/collections/1?api%6Bey=$K",
        "https://api.getpostman.com/collections/1?a=b&access_key=$K",
        "https://api.getpostman.com/collections/1?a=b;token=$K",
        "https://api.getpostman.com/collections/1#apikey=$K",
        "https://api.getpostman.com/collections/1?$K",
        "https://api.getpostman.com/collections/1#$K",
        "https://$K@api.getpostman.com/collections/1",
        "https://user:$K@api.getpostman.com/collections/1",
        "https://$K:x-oauth-basic@api.getpostman.com/collections/1",
        "https://api.getpostman.com/collections/1&apikey=$K",
        "https://api.getpostman.com/collections/1%3Fapikey%3D$K",
        "api.getpostman.com/collections/1?apikey=$K",
        "user:$K@api.getpostman.com/collections/1",
        "collection.json#token=$K"
      })
  void everyPlaceACredentialCanHideIsFound(String template) {
    assertThat(UrlText.credentialsIn(template.replace("$K", KEY))).contains(KEY);
  }

  @Test
  void aPercentEncodedCredentialIsFoundAsWrittenAndDecoded() {
    String encoded = KEY.replace("-", "%2D");
    assertThat(UrlText.credentialsIn("https://h/collections/1?apikey=" + encoded))
        .contains(encoded, KEY);
    assertThat(UrlText.credentialsIn("https://us%65r:" + encoded + "@h/"))
        .contains(encoded, KEY, "us%65r:" + encoded, "user:" + KEY);
  }

  @Test
  void ordinaryParametersAndPathsAreNoCredentials() {
    assertThat(UrlText.credentialsIn("https://h/collections/1?model=minimal&x=y")).isEmpty();
    assertThat(UrlText.credentialsIn("postman/collections/users.json")).isEmpty();
    assertThat(UrlText.credentialsIn("team@2x/collection.json?download")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://user:$K@kv.vault.azure.net/?apikey=$K#$K | https://kv.vault.azure.net/",
        "https://kv.vault.azure.net | https://kv.vault.azure.net",
        "user:$K@kv.vault.azure.net?x=$K | kv.vault.azure.net",
        "kv-prod#$K | kv-prod"
      })
  void aMessageShowsNoUserPartQueryOrFragment(String template, String shown) {
    assertThat(UrlText.withoutCredentials(template.replace("$K", KEY))).isEqualTo(shown);
  }

  @Test
  void percentDecodingKeepsWhatIsNoEscape() {
    assertThat(UrlText.decode("a%2Fb%zz%4")).isEqualTo("a/b%zz%4");
    assertThat(UrlText.decode("%C3%A9+")).isEqualTo("é+");
  }
}
