package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Dockerfile, read as text: pinned bases, the Newman that package-lock.json pins, layers that
 * survive a source change, and one jar path from the build through the COPY to the launcher.
 * .ci/image-check builds and runs it.
 */
class DockerfileTest {
  /** image:exact-version-tag@sha256:digest [AS stage]. */
  private static final Pattern PINNED_FROM =
      Pattern.compile(
          "(?i)FROM\\s+(?:--platform=\\$BUILDPLATFORM\\s+)?([a-z0-9./-]+):([0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9._-]*)@sha256:([0-9a-f]{64})(?:\\s+AS\\s+([a-z0-9_-]+))?");

  private static final Pattern LAUNCHER_JAR = Pattern.compile("\\$\\{NKV_JAR:-([^}]+)}");

  /** Dockerfile instructions, with line continuations joined and comments dropped. */
  private static List<String> instructions() {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Repo.read("Dockerfile").lines().toList()) {
      String stripped = line.strip();
      if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
      } else {
        current.append(stripped);
        instructions.add(current.toString().strip());
        current.setLength(0);
      }
    }
    assertThat(current.toString()).as("a dangling line continuation").isBlank();
    return instructions;
  }

  private static List<String> withKeyword(String keyword) {
    return instructions().stream()
        .filter(i -> i.toUpperCase(java.util.Locale.ROOT).startsWith(keyword + " "))
        .toList();
  }

  @Test
  void everyFromIsPinnedByExactVersionTagAndDigestOrNamesAnEarlierStage() {
    List<String> froms = withKeyword("FROM");
    assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
    Set<String> stages = new HashSet<>();
    for (String from : froms) {
      Matcher pinned = PINNED_FROM.matcher(from);
      assertThat(pinned.matches())
          .as("not pinned by exact version tag and digest: %s", from)
          .isTrue();
      assertThat(pinned.group(1)).as("an official image").isIn("eclipse-temurin", "node");
      if (pinned.group(4) != null) {
        stages.add(pinned.group(4));
      }
    }
    assertThat(stages).containsExactlyInAnyOrder("build", "java", "newman");
    // The runtime (the last FROM) is Node.js 24 LTS, bookworm slim (Node.js 20 is past its end
    // of life); the build links its Java 25 runtime from the JDK.
    assertThat(froms.get(froms.size() - 1)).contains("node:24.").contains("-bookworm-slim@sha256:");
    assertThat(froms).anyMatch(f -> f.contains("eclipse-temurin:25.") && f.contains("-jdk"));
  }

  @Test
  void theRuntimeIsJlinkedInTheBuildAndIsTheImagesJavaHome() {
    List<String> instructions = instructions();
    String jlink =
        instructions.stream().filter(i -> i.startsWith("RUN jlink ")).findFirst().orElseThrow();
    Matcher output = Pattern.compile("--output (\\S+)").matcher(jlink);
    assertThat(output.find()).isTrue();
    assertThat(jlink).contains("--add-modules java.base,").contains("--strip-debug");
    assertThat(instructions).contains("COPY --from=java " + output.group(1) + " /opt/java/openjdk");
    assertThat(String.join("\n", withKeyword("ENV"))).contains("JAVA_HOME=/opt/java/openjdk");
  }

  @Test
  void aSourceChangeReusesTheLayerThatDownloadedTheDependencies() {
    List<String> instructions = instructions();
    List<String> maven = instructions.stream().filter(i -> i.startsWith("RUN ./mvnw ")).toList();
    int sources = instructions.indexOf("COPY src/main/ src/main/");
    assertThat(maven).hasSize(2);
    assertThat(instructions.indexOf(maven.get(0)))
        .as("a Maven run before the sources come")
        .isBetween(0, sources);
    assertThat(instructions.indexOf(maven.get(1))).isGreaterThan(sources);
    // The build after the sources is offline: whatever the first run missed fails the build.
    assertThat(maven.get(1)).contains("--offline");
  }

  @Test
  void newmanIsInstalledFromPackageLockJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode lock = json.readTree(Repo.read("package-lock.json"));
    JsonNode pkg = json.readTree(Repo.read("package.json"));
    for (String name : List.of("newman", "newman-reporter-htmlextra")) {
      JsonNode locked = lock.path("packages").path("node_modules/" + name);
      assertThat(locked.path("version").asText())
          .as(name)
          .isEqualTo(pkg.path("dependencies").path(name).asText());
      // --omit=dev would leave it out otherwise.
      assertThat(locked.path("dev").asBoolean(false)).as("%s is a dev dependency", name).isFalse();
    }
    assertThat(lock.path("packages").path("node_modules/newman").path("version").asText())
        .isEqualTo("6.2.2");

    List<String> instructions = instructions();
    assertThat(instructions).contains("COPY package.json package-lock.json ./");
    List<String> npm = instructions.stream().filter(i -> i.contains("npm ")).toList();
    assertThat(npm)
        .singleElement()
        .satisfies(run -> assertThat(run).startsWith("RUN npm ci --omit=dev"));
    // No version named anywhere else that could disagree with the lock file.
    Matcher named =
        Pattern.compile("newman(?:-reporter-htmlextra)?@([0-9][^\\s\"]*)")
            .matcher(Repo.read("Dockerfile"));
    assertThat(named.find()).as("a Newman version named in the Dockerfile").isFalse();

    // The image points the tool at that Newman.
    String workdir =
        instructions.stream()
            .filter(i -> i.startsWith("WORKDIR /opt/"))
            .findFirst()
            .orElseThrow()
            .substring(8);
    assertThat(String.join("\n", withKeyword("ENV")))
        .contains("NKV_NEWMAN=" + workdir + "/node_modules/.bin/newman")
        // One start per container: an archive made at its exit would cost a second, for nothing.
        .contains("NKV_CDS=off");
    assertThat(instructions).contains("COPY --from=newman " + workdir + " " + workdir);
  }

  @Test
  void theLauncherRunsTheJarTheDockerfileCopiesFromTheBuild() throws Exception {
    Matcher launcher = LAUNCHER_JAR.matcher(Repo.read("docker/newman-keyvault"));
    assertThat(launcher.find()).as("the launcher's jar path").isTrue();
    String jarInImage = launcher.group(1);

    String buildWorkdir =
        instructions().stream()
            .dropWhile(i -> !i.endsWith(" AS build"))
            .filter(i -> i.startsWith("WORKDIR "))
            .findFirst()
            .orElseThrow()
            .substring(8);
    assertThat(instructions())
        .contains("COPY --from=build " + buildWorkdir + "/" + buildJar() + " " + jarInImage)
        .contains("COPY docker/newman-keyvault /usr/local/bin/newman-keyvault");
    assertThat(Repo.read("docker/newman-keyvault"))
        .contains("$cds $NKV_JAVA_OPTS -jar \"$jar\" \"$@\"");
  }

  @Test
  void theBuildMakesTargetNewmanKeyvaultJar() throws Exception {
    assertThat(buildJar()).isEqualTo("target/newman-keyvault.jar");
    assertThat(withKeyword("RUN"))
        .anyMatch(
            run ->
                run.startsWith("RUN ./mvnw -B -ntp --offline ")
                    && run.contains("-DskipTests")
                    && run.endsWith(" package"));
  }

  @Test
  void theActionsEntrypointIsInTheImageAndTheImageHasNoEntrypointOfItsOwn() {
    String entrypoint = ActionYaml.parse(Repo.read("action.yml")).runs.get("entrypoint");
    assertThat(instructions()).contains("COPY docker/entrypoint.sh " + entrypoint);
    assertThat(withKeyword("ENTRYPOINT")).containsExactly("ENTRYPOINT []");
    assertThat(Files.isExecutable(Repo.path("docker/entrypoint.sh"))).isTrue();
    assertThat(Files.isExecutable(Repo.path("docker/newman-keyvault"))).isTrue();
  }

  @Test
  void theImageHasOciLabels() {
    String labels = String.join("\n", withKeyword("LABEL"));
    for (String label : List.of("title", "description", "version", "revision", "source")) {
      assertThat(labels).contains("org.opencontainers.image." + label + "=");
    }
  }

  /** target/ plus the shade plugin's finalName in pom.xml, plus .jar. */
  private static String buildJar() {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var pom = factory.newDocumentBuilder().parse(Repo.path("pom.xml").toFile());
      NodeList plugins = pom.getElementsByTagName("plugin");
      for (int i = 0; i < plugins.getLength(); i++) {
        Element plugin = (Element) plugins.item(i);
        if (text(plugin, "artifactId").equals("maven-shade-plugin")) {
          NodeList finalNames = plugin.getElementsByTagName("finalName");
          if (finalNames.getLength() == 1) {
            assertThat(pom.getElementsByTagName("directory").getLength())
                .as("a custom build directory")
                .isLessThanOrEqualTo(2); // the two <resource> directories only
            return "target/" + finalNames.item(0).getTextContent().strip() + ".jar";
          }
        }
      }
      throw new AssertionError("no finalName for maven-shade-plugin in pom.xml");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String text(Element parent, String child) {
    NodeList nodes = parent.getElementsByTagName(child);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }
}
