package io.newmankeyvault.postman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V3CollectionTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));

  /** The demo, as {@code postman collection migrate} wrote it (test-fixtures/v3/make.sh). */
  private static final Path DEMO = PROJECT.resolve("test-fixtures/v3/demo/postman");

  @TempDir Path dir;

  @Test
  void scansTheMigratedDemoLikeItsJson() {
    CollectionScan v3 = CollectionFile.scan(DEMO.resolve("collections/demo"));
    CollectionScan v2 = CollectionFile.scan(PROJECT.resolve("test-fixtures/demo/collection.json"));

    assertThat(v3.isV3()).isTrue();
    assertThat(v2.isV3()).isFalse();
    assertThat(v3.name()).isEqualTo(v2.name());
    assertThat(v3.postmanVaultNames()).isEqualTo(v2.postmanVaultNames());
    assertThat(v3.variables()).isEqualTo(v2.variables());
  }

  @Test
  void theRootDefinitionFileStandsForItsFolder() {
    Path folder = DEMO.resolve("collections/demo");
    assertThat(CollectionFile.scan(folder.resolve(".resources/definition.yaml")).path())
        .isEqualTo(folder.toAbsolutePath());
  }

  @Test
  void findsReferencesInEveryFileButNotInDescriptions() throws IOException {
    write(
        ".resources/definition.yaml",
        """
        $kind: collection
        name: mine
        description: "{{vault:in-a-description}}"
        variables:
          - key: listed
            value: "{{vault:listed}}"
          - key: off
            value: "{{vault:off}}"
            disabled: true
          - key: secure
            value: ""
            source: {provider: postman, postman: {type: local, secretId: abc}}
        """);
    write(
        "Folder/.resources/definition.yaml",
        """
        $kind: collection
        auth: {type: bearer, credentials: [{key: token, value: "{{vault:folder-token}}"}]}
        """);
    write(
        "Folder/Get.request.yaml",
        """
        $kind: http-request
        url: "https://api.test/{{vault:in-url}}"
        headers:
          X-Key: "{{vault:in-header}}"
        scripts:
          - type: afterResponse
            code: pm.expect(1).to.equal(1) // {{vault:in-script}}
        """);
    write("Folder/helper.js", "const x = '{{vault:in-js}}';\n");

    CollectionScan scan = CollectionFile.scan(dir);

    assertThat(scan.name()).isEqualTo("mine");
    assertThat(scan.postmanVaultNames())
        .containsExactlyInAnyOrder(
            "listed", "off", "folder-token", "in-url", "in-header", "in-script", "in-js");
    assertThat(scan.variables())
        .containsExactly(
            new CollectionVariable("listed", "{{vault:listed}}"),
            new CollectionVariable("secure", "", true));
  }

  @Test
  void variablesMayBeAMapOfNamesToValues() throws IOException {
    write(
        ".resources/definition.yaml",
        """
        $kind: collection
        variables:
          plain: "akv://kv/plain"
          number: 7
        """);

    CollectionScan scan = CollectionFile.scan(dir);

    assertThat(scan.name()).isEqualTo(dir.getFileName().toString()); // no name: the folder's
    assertThat(scan.variables()).containsExactly(new CollectionVariable("plain", "akv://kv/plain"));
  }

  @Test
  void aFolderThatIsNotAV3CollectionSaysWhatToPass() {
    assertThatThrownBy(() -> CollectionFile.scan(dir))
        .isInstanceOf(UserFacingException.class)
        .hasMessage(
            "collection folder "
                + dir
                + " is not a Postman v3 collection (no .resources/definition.yaml): pass the"
                + " collection's folder under postman/collections/, or a v2.1 JSON file");
  }

  @Test
  void badYamlNamesTheLineButNeverQuotesIt() throws IOException {
    write(".resources/definition.yaml", "$kind: collection\nname: [unclosed sk-live-canary-1234\n");

    assertThatThrownBy(() -> CollectionFile.scan(dir))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("collection file " + dir.resolve(V3Collection.DEFINITION))
        .hasMessageContaining("is not valid YAML (line ")
        .hasMessageNotContaining("canary");
  }

  @Test
  void aV3EnvironmentReadsLikeItsJson() {
    ObjectNode yaml = EnvironmentFile.load(DEMO.resolve("environments/demo.environment.yaml"));

    assertThat(yaml.path("name").asText()).isEqualTo("demo");
    assertThat(yaml.path("values").findValuesAsText("key"))
        .containsExactly("baseUrl", "username", "db_password", "auth_header");
    assertThat(yaml.path("values").get(2).path("value").asText())
        .isEqualTo("akv://demo-vault/db-password");
  }

  @Test
  void aV3EnvironmentKeepsASecureVariablesSource() throws IOException {
    Path file =
        write(
            "staging.environment.yaml",
            """
            name: staging
            values:
              - key: token
                value: ""
                enabled: true
                secret: true
                source:
                  provider: postman
                  postman: {type: cloud, secretId: s1, vaultId: v1}
            """);

    ObjectNode environment = EnvironmentFile.load(file);

    assertThat(SecureVariables.isSecure(environment.path("values").get(0))).isTrue();
  }

  @Test
  void mixUpsNameTheRightOption() {
    assertThatThrownBy(() -> EnvironmentFile.load(DEMO.resolve("collections/demo")))
        .hasMessageEndingWith(
            "is a Postman v3 collection folder, not an environment: pass it with -c");
    assertThatThrownBy(
            () -> CollectionFile.scan(DEMO.resolve("environments/demo.environment.yaml")))
        .hasMessageEndingWith("and this environment with -e");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }
}
