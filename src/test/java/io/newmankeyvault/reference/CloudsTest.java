package io.newmankeyvault.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloudsTest {
  @Test
  void knowsTheSovereignClouds() {
    assertThat(Clouds.vaultSuffixFor("https://login.chinacloudapi.cn/"))
        .isEqualTo("vault.azure.cn");
    assertThat(Clouds.vaultSuffixFor("https://login.microsoftonline.us"))
        .isEqualTo("vault.usgovcloudapi.net");
    assertThat(Clouds.vaultSuffixFor("https://login.microsoftonline.com"))
        .isEqualTo("vault.azure.net");
    assertThat(Clouds.vaultSuffixFor("https://login.localhost:8443")).isEqualTo("vault.azure.net");
    assertThat(Clouds.isKnown("https://login.microsoftonline.com")).isTrue();
    assertThat(Clouds.isKnown("https://login.localhost:8443")).isFalse();
  }
}
