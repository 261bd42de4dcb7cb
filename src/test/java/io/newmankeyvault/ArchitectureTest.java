package io.newmankeyvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package graph of the main code, read from the sources (imports and qualified names): it has
 * no cycle, the bottom packages depend on nothing of ours, {@code reports} nothing of the runners'
 * processes and {@code ci} not {@code newman}, and only {@code keyvault} imports the Azure SDK.
 * {@code bash .ci/package-graph} prints the same graph from the compiled classes.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src", "main", "java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

  /** A name of ours in an import or in code: the package is the part before the first type. */
  private static final Pattern OURS =
      Pattern.compile("\\b((?:io\\.newmankeyvault|org\\.slf4j\\.impl)(?:\\.[a-z]\\w*)*)\\.[A-Z]");

  /** Package to the other packages of ours it uses. */
  static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher declared = PACKAGE.matcher(source);
        assertThat(declared.find()).as(file + " has a package").isTrue();
        String pkg = declared.group(1);
        Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher used = OURS.matcher(source.substring(declared.end()));
        while (used.find()) {
          if (!used.group(1).equals(pkg)) {
            uses.add(used.group(1));
          }
        }
      }
    }
    return graph;
  }

  /** Every cycle's packages, each cycle once (empty for an acyclic graph). */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    List<List<String>> cycles = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : graph.keySet()) {
      walk(start, graph, new ArrayList<>(), done, cycles);
    }
    return cycles;
  }

  private static void walk(
      String pkg,
      Map<String, Set<String>> graph,
      List<String> path,
      Set<String> done,
      List<List<String>> cycles) {
    int seen = path.indexOf(pkg);
    if (seen >= 0) {
      cycles.add(List.copyOf(path.subList(seen, path.size())));
      return;
    }
    if (done.contains(pkg)) {
      return;
    }
    path.add(pkg);
    for (String next : graph.getOrDefault(pkg, Set.of())) {
      walk(next, graph, path, done, cycles);
    }
    path.remove(path.size() - 1);
    done.add(pkg);
  }

  @Test
  void thePackageGraphHasNoCycle() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertThat(graph)
        .containsKeys("io.newmankeyvault", "io.newmankeyvault.base", "io.newmankeyvault.keyvault");
    assertThat(cycles(graph)).as("package cycles in %s", graph).isEmpty();
  }

  @Test
  void theBottomPackagesUseNothingOfOursAndMainIsAloneAtTheTop() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertThat(graph.get("io.newmankeyvault.base")).isEmpty();
    assertThat(graph.get("io.newmankeyvault.redact")).isEmpty();
    graph.forEach((pkg, uses) -> assertThat(uses).as(pkg).doesNotContain("io.newmankeyvault"));
    try (Stream<Path> root = Files.list(MAIN.resolve("io/newmankeyvault"))) {
      assertThat(root.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly("Main.java");
    }
  }

  @Test
  void theReportsStandApartFromTheRunnersProcesses() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertThat(graph.get("io.newmankeyvault.reports"))
        .as("what a runner wrote: no process of a runner's")
        .isNotNull()
        .isSubsetOf("io.newmankeyvault.base", "io.newmankeyvault.redact");
    assertThat(graph.get("io.newmankeyvault.ci"))
        .as("the CI's summaries read the results, not the runner")
        .doesNotContain("io.newmankeyvault.newman", "io.newmankeyvault.postmancli");
  }

  @Test
  void onlyTheKeyvaultPackageImportsTheAzureSdk() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (Files.readString(file).contains("import com.azure.")) {
          assertThat(file.getParent())
              .as(file.toString())
              .isEqualTo(MAIN.resolve("io/newmankeyvault/keyvault"));
        }
      }
    }
  }

  @Test
  void onlyTheCommandLayerAndMainKnowTheKeyvaultPackage() throws IOException {
    Map<String, Set<String>> graph = graph();
    graph.forEach(
        (pkg, uses) -> {
          if (!pkg.equals("io.newmankeyvault") && !pkg.equals("io.newmankeyvault.cli")) {
            assertThat(uses).as(pkg).doesNotContain("io.newmankeyvault.keyvault");
          }
        });
    assertThat(graph.get("io.newmankeyvault.cli")).contains("io.newmankeyvault.keyvault");
  }

  @Test
  void noMainMethodIsOver80Lines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      MethodLengths.of(files.filter(p -> p.toString().endsWith(".java")).toList())
          .forEach(
              (method, lines) -> {
                if (lines > 80) {
                  tooLong.add(method + ": " + lines + " lines");
                }
              });
    }
    assertThat(tooLong).isEmpty();
  }

  @Test
  void methodLengthsRunFromTheDeclarationToTheClosingBrace(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("Sample.java");
    Files.writeString(
        file,
        """
        class Sample {
          Sample() {}

          int twice(
              int x) {
            return 2 * x;
          }
          interface Shape { int area(); }
        }
        """);
    assertThat(MethodLengths.of(List.of(file)))
        .containsExactly(
            Map.entry("Sample.java Sample.<init>(line 2)", 1),
            Map.entry("Sample.java Sample.twice(line 4)", 4));
  }

  @Test
  void noMainSourceFileIsOver300Lines() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertThat(Files.readAllLines(file)).as(file.toString()).hasSizeLessThanOrEqualTo(300);
      }
    }
  }

  @Test
  void theCycleCheckFindsACycle() {
    Map<String, Set<String>> graph =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycles(graph))
        .isNotEmpty()
        .allSatisfy(cycle -> assertThat(cycle).containsExactlyInAnyOrder("a", "b", "c"));
    assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
  }
}
