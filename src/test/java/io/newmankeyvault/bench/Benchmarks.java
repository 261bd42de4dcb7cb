package io.newmankeyvault.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.hydrate.Hydrator;
import io.newmankeyvault.hydrate.Plan;
import io.newmankeyvault.hydrate.Planner;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.hydrate.VaultScope;
import io.newmankeyvault.postman.CollectionFile;
import io.newmankeyvault.postman.EnvironmentFile;
import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.redact.Redactor;
import io.newmankeyvault.reference.ReferenceParser;
import io.newmankeyvault.reference.Vaults;
import io.newmankeyvault.secrets.SecretsFile;
import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.TestTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark suite ({@code bash bench/run.sh}): each case side by side with its baseline in one
 * run, repeated, medians quoted; ratios matter more than absolute times on a shared machine. Prints
 * a table and writes {@code target/bench/results.json}.
 */
public final class Benchmarks {
  private static final Path ROOT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();
  private static final Path JAR = ROOT.resolve("target/newman-keyvault.jar");
  private static final Path CDS = ROOT.resolve("target/newman-keyvault.jsa");
  private static final Path NEWMAN = ROOT.resolve("node_modules/.bin/newman");
  private static final Path DEMO = ROOT.resolve("test-fixtures/demo");
  private static final Path OUT = ROOT.resolve("target/bench");

  private final int repeats;
  private final Map<String, Map<String, Double>> results = new LinkedHashMap<>();
  private final List<String[]> table = new ArrayList<>();

  private Benchmarks(int repeats) {
    this.repeats = repeats;
  }

  /**
   * {@code Benchmarks [REPEATS] [CASE...]}: CASE is startup, overhead, hydration, big or redaction
   * (all by default). The hydration case takes {@code -Dbench.secrets} (200) and {@code
   * -Dbench.latencyMs} (20).
   */
  public static void main(String... args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    List<String> cases =
        args.length > 1
            ? List.of(args).subList(1, args.length)
            : List.of("startup", "overhead", "hydration", "big", "redaction", "shards");
    Files.createDirectories(OUT);
    Benchmarks bench = new Benchmarks(repeats);
    for (String name : cases) {
      switch (name) {
        case "startup" -> bench.startup();
        case "overhead" -> bench.overhead();
        case "hydration" -> bench.hydration();
        case "big" -> bench.bigInputs();
        case "redaction" -> bench.redaction();
        case "shards" -> bench.shards();
        default -> throw new IllegalArgumentException("no case " + name);
      }
    }
    bench.print();
  }

  // --- shards: one run against four shards at the same time ---------------------------------

  /**
   * A collection of 400 requests (20 folders of 20) against an echo API answering after 20 ms: one
   * run, then its 4 shards ({@code --shard K/4}) started at the same time on this machine; the
   * wall-time ratio, and how even the shards are (requests per shard, and each shard's time).
   * Medians of at most 3 repeats (a whole run takes about 10 s).
   */
  private void shards() throws Exception {
    com.sun.net.httpserver.HttpServer echo =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 256);
    java.util.concurrent.ExecutorService handlers =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    echo.setExecutor(handlers);
    echo.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    echo.start();
    try {
      Path collection = OUT.resolve("shards-collection.json");
      StringBuilder items = new StringBuilder();
      for (int folder = 0; folder < 20; folder++) {
        items
            .append(folder == 0 ? "" : ",")
            .append("{\"name\":\"f")
            .append(folder)
            .append("\",\"item\":[");
        for (int r = 0; r < 20; r++) {
          items
              .append(r == 0 ? "" : ",")
              .append("{\"name\":\"r")
              .append(r)
              .append("\",\"request\":{\"method\":\"GET\",\"url\":\"{{baseUrl}}/f")
              .append(folder)
              .append("/r")
              .append(r)
              .append("\"}}");
        }
        items.append("]}");
      }
      Files.writeString(
          collection,
          "{\"info\":{\"name\":\"shards\",\"schema\":"
              + "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
              + "\"item\":["
              + items
              + "]}");
      String base = "baseUrl=http://127.0.0.1:" + echo.getAddress().getPort();
      int rounds = Math.min(repeats, 3);
      double[] whole = new double[rounds];
      double[] sharded = new double[rounds];
      double[][] legs = new double[4][rounds];
      for (int round = 0; round < rounds; round++) {
        whole[round] =
            time(
                nkv(
                    "run",
                    "-c",
                    collection.toString(),
                    "--newman",
                    NEWMAN.toString(),
                    "--",
                    "--env-var",
                    base),
                Map.of());
        List<Process> started = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Void>> exits = new ArrayList<>();
        long[] ended = new long[4];
        long start = System.nanoTime();
        for (int k = 1; k <= 4; k++) {
          started.add(
              new ProcessBuilder(
                      nkv(
                          "run",
                          "-c",
                          collection.toString(),
                          "--shard",
                          k + "/4",
                          "--newman",
                          NEWMAN.toString(),
                          "--",
                          "--env-var",
                          base))
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .redirectError(ProcessBuilder.Redirect.DISCARD)
                  .start());
          int leg = k - 1;
          exits.add(started.get(leg).onExit().thenRun(() -> ended[leg] = System.nanoTime()));
        }
        for (int k = 0; k < 4; k++) {
          Process leg = started.get(k);
          if (!leg.waitFor(2, TimeUnit.MINUTES) || leg.exitValue() != 0) {
            throw new IllegalStateException("shard " + (k + 1) + " failed");
          }
          exits.get(k).join(); // its end time is recorded
        }
        for (int k = 0; k < 4; k++) {
          legs[k][round] = (ended[k] - start) / 1e6;
        }
        sharded[round] = (System.nanoTime() - start) / 1e6;
      }
      List<io.newmankeyvault.postman.CollectionShards.Shard> split =
          io.newmankeyvault.postman.CollectionShards.balance(
              io.newmankeyvault.postman.CollectionShards.topLevel(collection), 4);
      double one = median(whole);
      double four = median(sharded);
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("one run of 400 requests (ms)", one);
      figures.put("4 shards at the same time, wall (ms)", four);
      figures.put("speed-up", one / four);
      for (int k = 0; k < 4; k++) {
        figures.put("shard " + (k + 1) + ": requests", (double) split.get(k).requests());
        figures.put("shard " + (k + 1) + ": ended at (ms)", median(legs[k]));
      }
      record("shards", figures);
      row(
          "Shards: 400 requests (20 ms each), one run vs 4 shards at once",
          ms(one) + " vs " + ms(four),
          String.format(Locale.ROOT, "%.2fx faster", one / four),
          "");
      row(
          "Shards: requests per shard / each shard ended at",
          split.stream().map(s -> String.valueOf(s.requests())).collect(Collectors.joining(" / "))
              + " requests; "
              + java.util.stream.IntStream.range(0, 4)
                  .mapToObj(k -> ms(median(legs[k])))
                  .collect(Collectors.joining(" / ")),
          "",
          "");
      Files.deleteIfExists(collection);
    } finally {
      echo.stop(0);
      handlers.shutdownNow();
    }
  }

  // --- 1 and 2: start-up and overhead, against Newman ----------------------------------------

  private List<String> nkv(String... args) {
    List<String> command =
        new ArrayList<>(List.of(java(), "-XX:SharedArchiveFile=" + CDS, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private void startup() throws Exception {
    double nkvVersion = median(() -> time(nkv("--version"), Map.of()));
    double newmanVersion = median(() -> time(List.of(NEWMAN.toString(), "--version"), Map.of()));
    List<String> dryRun =
        nkv(
            "run",
            "-c",
            DEMO.resolve("collection.json").toString(),
            "-e",
            DEMO.resolve("environment.json").toString(),
            "--secrets-file",
            DEMO.resolve("demo.secrets").toString(),
            "--dry-run");
    double nkvDryRun = median(() -> time(dryRun, Map.of()));
    record(
        "startup",
        Map.of(
            "newman-keyvault --version (ms)", nkvVersion,
            "newman-keyvault dry run of the demo (ms)", nkvDryRun,
            "newman --version (ms)", newmanVersion,
            "ratio --version / newman --version", nkvVersion / newmanVersion,
            "ratio dry run / newman --version", nkvDryRun / newmanVersion));
    row(
        "Start-up: --version / dry run vs newman --version",
        ms(nkvVersion) + " / " + ms(nkvDryRun) + " vs " + ms(newmanVersion),
        ratio(nkvVersion / newmanVersion) + " / " + ratio(nkvDryRun / newmanVersion),
        "");
  }

  private static final Path LAUNCHER = ROOT.resolve("docker/newman-keyvault");

  private static final Pattern TIMING =
      Pattern.compile(
          "Newman started at (\\d+) ms, got its inputs at (\\d+) ms and ended at (\\d+) ms");

  /**
   * A run against plain Newman given the hydrated environment, on the demo and on a collection of
   * 50 secrets: through the launcher (which uses the class-data-sharing archive beside the jar) and
   * with a plain {@code java -jar}, all three interleaved. Then the launcher's phases, from {@code
   * --verbose}'s timing line.
   */
  private void overhead() throws Exception {
    Process echo = new ProcessBuilder("node", DEMO.resolve("echo-server.js").toString()).start();
    try {
      String port =
          new BufferedReader(new InputStreamReader(echo.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      String base = "baseUrl=http://127.0.0.1:" + port;
      overhead(
          "demo",
          DEMO.resolve("collection.json"),
          DEMO.resolve("environment.json"),
          DEMO.resolve("demo.secrets"),
          base);
      Path collection = OUT.resolve("fifty-collection.json");
      Path environment = OUT.resolve("fifty-environment.json");
      Path secrets = OUT.resolve("fifty.secrets");
      writeFiftySecrets(collection, environment, secrets);
      overhead("50 secrets", collection, environment, secrets, base);
      Files.deleteIfExists(collection);
      Files.deleteIfExists(environment);
      Files.deleteIfExists(secrets);
    } finally {
      echo.destroy();
    }
  }

  private void overhead(String name, Path collection, Path environment, Path secrets, String base)
      throws Exception {
    Path hydrated = OUT.resolve("overhead-hydrated.json");
    Files.write(hydrated, hydrated(collection, environment, secrets));
    List<String> args =
        List.of(
            "run",
            "-c",
            collection.toString(),
            "-e",
            environment.toString(),
            "--key-vault",
            "demo-vault",
            "--secrets-file",
            secrets.toString(),
            "--newman",
            NEWMAN.toString());
    List<String> passThrough = List.of("--", "--env-var", base);
    List<String> launcher = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    launcher.addAll(args);
    launcher.addAll(passThrough);
    List<String> javaJar = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    javaJar.addAll(args);
    javaJar.addAll(passThrough);
    List<String> plain =
        List.of(
            NEWMAN.toString(),
            "run",
            collection.toString(),
            "-e",
            hydrated.toString(),
            "--env-var",
            base);
    Map<String, String> env = Map.of("NKV_JAR", JAR.toString());
    double[] all = interleaved(List.of(launcher, javaJar, plain), env);
    double viaLauncher = all[0] / all[2];
    double viaJavaJar = all[1] / all[2];

    List<String> verbose = new ArrayList<>(launcher);
    verbose.add(verbose.indexOf("--"), "--verbose");
    double[][] phases = new double[3][repeats];
    boolean timed = true; // a build before 0.2 prints no timing line (to compare with one)
    for (int i = 0; i < repeats && timed; i++) {
      Matcher timing = TIMING.matcher(stderrOf(verbose, env));
      timed = timing.find();
      for (int p = 0; p < 3 && timed; p++) {
        phases[p][i] = Double.parseDouble(timing.group(p + 1));
      }
    }
    double started = timed ? median(phases[0]) : Double.NaN;
    double inputs = timed ? median(phases[1]) : Double.NaN;
    double ended = timed ? median(phases[2]) : Double.NaN;
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("plain newman run, environment already hydrated (ms)", all[2]);
    figures.put("through the launcher (ms)", all[0]);
    figures.put("with java -jar (ms)", all[1]);
    figures.put("ratio, launcher", viaLauncher);
    figures.put("ratio, java -jar", viaJavaJar);
    figures.put("launcher: Newman started at (ms after the process started)", started);
    figures.put("launcher: inputs handed over at (ms)", inputs);
    figures.put("launcher: Newman ended at (ms)", ended);
    record("overhead, " + name, figures);
    row(
        "Overhead, " + name + ": launcher / java -jar vs plain newman",
        ms(all[0]) + " / " + ms(all[1]) + " vs " + ms(all[2]),
        ratio(viaLauncher) + " / " + ratio(viaJavaJar),
        "<= 1.10x / <= 1.20x");
    row(
        "Overhead, " + name + ": launcher's phases (Newman started / inputs handed over / ended)",
        ms(started) + " / " + ms(inputs) + " / " + ms(ended) + " after the process started",
        "",
        "");
    Files.deleteIfExists(hydrated);
  }

  /** 5 requests with 10 {@code {{vault:sN}}} headers each, and an environment of 0 references. */
  private static void writeFiftySecrets(Path collection, Path environment, Path secrets)
      throws IOException {
    Random random = new Random(50);
    StringBuilder lines = new StringBuilder();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("info")
        .put("name", "fifty secrets")
        .put("schema", "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
    ArrayNode items = root.putArray("item");
    for (int r = 0; r < 5; r++) {
      ObjectNode request = items.addObject().put("name", "request " + r).putObject("request");
      request.put("method", "GET").put("url", "{{baseUrl}}/headers/" + r);
      ArrayNode headers = request.putArray("header");
      for (int h = 0; h < 10; h++) {
        int n = r * 10 + h;
        headers.addObject().put("key", "X-S" + n).put("value", "{{vault:s" + n + "}}");
        lines.append("s").append(n).append("=").append(Long.toHexString(random.nextLong()));
        lines.append(Long.toHexString(random.nextLong())).append('\n');
      }
    }
    Json.MAPPER.writeValue(collection.toFile(), root);
    Files.writeString(environment, "{\"name\":\"fifty\",\"values\":[]}");
    Files.writeString(secrets, lines);
  }

  /** The environment as the tool hydrates it, for plain Newman. */
  private static byte[] hydrated(Path collection, Path environment, Path secrets)
      throws IOException {
    ObjectNode tree = EnvironmentFile.load(environment);
    ReferenceParser parser = new ReferenceParser(new Vaults("demo-vault", null), Map.of());
    Plan plan = new Planner(parser).plan(tree, CollectionFile.scan(collection), List.of());
    Resolution resolution = Resolution.resolve(plan, SecretsFile.load(secrets));
    // Plain Newman has no vault scope: it gets each {{vault:NAME}} as an entry named vault:NAME,
    // which it resolves the same way, so the baseline sends what the tool's run sends.
    ObjectNode hydrated = (ObjectNode) Json.MAPPER.readTree(Hydrator.hydrate(tree, resolution));
    ArrayNode values = (ArrayNode) hydrated.get("values");
    Json.MAPPER
        .readTree(VaultScope.json(resolution, Map.of()))
        .path("values")
        .forEach(
            secret ->
                values
                    .addObject()
                    .put("key", secret.path("key").asText())
                    .put("value", secret.path("value").asText()));
    return Json.MAPPER.writeValueAsBytes(hydrated);
  }

  // --- 3: hydration from a TLS fake of Key Vault ---------------------------------------------

  private static final Pattern READ_TIME =
      Pattern.compile("read (\\d+) secrets for \\d+ variables from .* in (\\d+) ms");

  private void hydration() throws Exception {
    int secrets = Integer.getInteger("bench.secrets", 200);
    long latency = Long.getLong("bench.latencyMs", 20);
    String tenant = "72f988bf-0000-4000-8000-00000000bec4";
    String client = "0f1e2d3c-0000-4000-8000-00000000bec4";
    try (FakeEntraId entra =
            new FakeEntraId(tenant)
                .registerClientId(client)
                .acceptClientSecret(client, "bench-secret");
        FakeKeyVault vault = new FakeKeyVault(entra)) {
      ArrayNode values = Json.MAPPER.createArrayNode();
      for (int i = 0; i < secrets; i++) {
        String kv = i % 2 == 0 ? "kv1" : "kv2";
        vault.put(kv, "s" + i, "value-" + i);
        values.addObject().put("key", "V" + i).put("value", "akv://" + kv + "/s" + i);
      }
      ObjectNode environment = Json.MAPPER.createObjectNode().put("name", "bench");
      environment.set("values", values);
      Path environmentFile = OUT.resolve("hydration-environment.json");
      Json.MAPPER.writeValue(environmentFile.toFile(), environment);
      Path one = OUT.resolve("hydration-one.json");
      Files.writeString(one, "{\"values\":[{\"key\":\"V\",\"value\":\"akv://kv1/s0\"}]}");
      vault.latency(Duration.ofMillis(latency));
      Map<String, String> env =
          Map.of(
              "AZURE_TENANT_ID",
              tenant,
              "AZURE_CLIENT_ID",
              client,
              "AZURE_CLIENT_SECRET",
              "bench-secret");

      int runs = Math.max(3, repeats / 2);
      double[] single = readTimes(environmentFileRun(one, vault, 8), env, runs);
      double[] parallel = readTimes(environmentFileRun(environmentFile, vault, 8), env, runs);
      double[] serial =
          readTimes(environmentFileRun(environmentFile, vault, 1), env, Math.max(1, runs / 3));
      double signIn = Math.max(0, median(single) - latency); // challenge and token, beyond one read
      double floor = Math.ceil(secrets / 8.0) * latency + signIn;
      record(
          "hydration",
          Map.of(
              "secrets",
              (double) secrets,
              "latency per read (ms)",
              (double) latency,
              "parallelism 8: read time (ms)",
              median(parallel),
              "parallelism 1: read time (ms)",
              median(serial),
              "speed-up",
              median(serial) / median(parallel),
              "latency floor at 8 (ms)",
              floor,
              "ratio to floor",
              median(parallel) / floor,
              "one secret: read time incl. sign-in (ms)",
              median(single)));
      row(
          "Hydration: "
              + secrets
              + " secrets, 2 vaults, "
              + latency
              + " ms each: parallelism 8 vs 1",
          ms(median(parallel)) + " vs " + ms(median(serial)),
          ratio(median(serial) / median(parallel)) + " faster",
          ">= 8x");
      row(
          "Hydration: parallelism 8 vs the latency floor",
          ms(median(parallel)) + " vs " + ms(floor),
          ratio(median(parallel) / floor),
          "<= 1.5x");
      Files.deleteIfExists(environmentFile);
      Files.deleteIfExists(one);
    }
  }

  private List<String> environmentFileRun(Path environment, FakeKeyVault vault, int parallelism)
      throws IOException {
    Path collection = OUT.resolve("hydration-collection.json");
    Files.writeString(
        collection,
        "{\"info\":{\"name\":\"bench\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\"item\":[]}");
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(TestTls.jvmOptions());
    command.addAll(
        List.of(
            "-XX:SharedArchiveFile=" + CDS,
            "-jar",
            JAR.toString(),
            "run",
            "-c",
            collection.toString(),
            "-e",
            environment.toString(),
            "--auth",
            "environment"));
    command.addAll(vault.toolOptions("kv1"));
    command.addAll(List.of("--parallelism", String.valueOf(parallelism), "--dry-run", "--verbose"));
    return command;
  }

  /** The tool's own "read N secrets ... in X ms" figure, over several runs. */
  private double[] readTimes(List<String> command, Map<String, String> env, int runs)
      throws Exception {
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      Matcher matcher = READ_TIME.matcher(output);
      if (process.exitValue() != 0 || !matcher.find()) {
        throw new IllegalStateException(
            "hydration run failed (exit " + process.exitValue() + "):\n" + output);
      }
      times[i] = Double.parseDouble(matcher.group(2));
    }
    return times;
  }

  // --- 4: big inputs ---------------------------------------------------------------------------

  private void bigInputs() throws Exception {
    Path collection = OUT.resolve("big-collection.json");
    Path environment = OUT.resolve("big-environment.json");
    Path secrets = OUT.resolve("big.secrets");
    try {
      writeBigCollection(collection, 100L << 20);
      StringBuilder secretLines = new StringBuilder("api-key=big-api-key\n");
      ArrayNode values = Json.MAPPER.createArrayNode();
      for (int i = 0; i < 10_000; i++) {
        values
            .addObject()
            .put("key", "var" + i)
            .put("value", i % 100 == 0 ? "akv://kv-big/s" + i : "value " + i)
            .put("enabled", true);
        if (i % 100 == 0) {
          secretLines.append('s').append(i).append("=secret-").append(i).append('\n');
        }
      }
      ObjectNode env = Json.MAPPER.createObjectNode().put("name", "big");
      env.set("values", values);
      Json.MAPPER.writeValue(environment.toFile(), env);
      Files.writeString(secrets, secretLines);

      List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v"));
      command.addAll(
          nkv(
              "run",
              "-c",
              collection.toString(),
              "-e",
              environment.toString(),
              "--secrets-file",
              secrets.toString(),
              "--key-vault",
              "kv-main",
              "--dry-run"));
      double[] wall = new double[Math.max(3, repeats / 3)];
      double[] rss = new double[wall.length];
      for (int i = 0; i < wall.length; i++) {
        Process process =
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String report = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        if (process.exitValue() != 0) {
          throw new IllegalStateException("big inputs run failed:\n" + report);
        }
        wall[i] =
            seconds(field(report, "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (\\S+)"))
                * 1000;
        rss[i] =
            Double.parseDouble(field(report, "Maximum resident set size \\(kbytes\\): (\\d+)"))
                / 1024;
      }
      record(
          "big inputs",
          Map.of(
              "collection (MB)",
              Files.size(collection) / 1048576.0,
              "environment variables",
              10_000.0,
              "dry run wall time (ms)",
              median(wall),
              "peak resident memory (MB)",
              median(rss)));
      row(
          "Big inputs: 100 MB collection, 10,000 variables, dry run",
          ms(median(wall)) + ", " + String.format(Locale.ROOT, "%.0f MB", median(rss)),
          "",
          "<= 3 s, <= 400 MB");
    } finally {
      Files.deleteIfExists(collection);
      Files.deleteIfExists(environment);
      Files.deleteIfExists(secrets);
    }
  }

  /** A collection of saved example responses, as big as asked, with a few references. */
  private static void writeBigCollection(Path file, long size) throws IOException {
    Random random = new Random(1);
    char[] chars = "abcdefghijklmnopqrstuvwxyz0123456789 ".toCharArray();
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          "{\"info\":{\"name\":\"big\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\"item\":["
              .getBytes(StandardCharsets.UTF_8));
      long written = 0;
      for (int i = 0; written < size; i++) {
        StringBuilder body = new StringBuilder(64 * 1024);
        for (int c = 0; c < 64 * 1024; c++) {
          body.append(chars[random.nextInt(chars.length)]);
        }
        String item =
            (i == 0 ? "" : ",")
                + "{\"name\":\"r"
                + i
                + "\",\"request\":{\"method\":\"GET\",\"url\":\"https://api.example.com/"
                + i
                + "?k={{vault:api-key}}\"},\"response\":[{\"name\":\"saved\",\"body\":\""
                + body
                + "\"}]}";
        byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        written += bytes.length;
      }
      out.write("]}".getBytes(StandardCharsets.UTF_8));
    }
  }

  // --- 5: redaction ----------------------------------------------------------------------------

  private void redaction() {
    Random random = new Random(7);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      values.add(
          "s3cr3t-"
              + i
              + "-"
              + Long.toHexString(random.nextLong())
              + Long.toHexString(random.nextLong()));
    }
    ProtectedValues protectedValues = new ProtectedValues();
    protectedValues.addAll(values);
    Redactor redactor = new Redactor(protectedValues);
    byte[] text = newmanLikeOutput(100 << 20, values, random);
    redactor.redact("warm up"); // compiles the automaton once
    double[] seconds = new double[5];
    for (int i = 0; i < seconds.length; i++) {
      long start = System.nanoTime();
      redactor.redact(text);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    double mbPerSecond = (text.length / 1048576.0) / median(seconds);

    String sample = new String(Arrays.copyOf(text, 2 << 20), StandardCharsets.UTF_8);
    double[] naive = new double[3];
    for (int i = 0; i < naive.length; i++) {
      long start = System.nanoTime();
      String result = sample;
      for (String value : values) {
        result = result.replace(value, "***");
      }
      naive[i] = (System.nanoTime() - start) / 1e9;
    }
    double naiveMbPerSecond = 2.0 / median(naive);
    record(
        "redaction",
        Map.of(
            "protected values",
            1000.0,
            "text (MB)",
            text.length / 1048576.0,
            "automaton (MB/s)",
            mbPerSecond,
            "naive replace loop (MB/s)",
            naiveMbPerSecond,
            "ratio",
            mbPerSecond / naiveMbPerSecond));
    row(
        "Redaction: 1,000 values over 100 MB vs naive replace loop",
        String.format(Locale.ROOT, "%.0f vs %.1f MB/s", mbPerSecond, naiveMbPerSecond),
        ratio(mbPerSecond / naiveMbPerSecond),
        ">= 100 MB/s, >= 20x");
  }

  /** Lines like Newman's CLI report, one in fifty quoting a protected value. */
  private static byte[] newmanLikeOutput(int size, List<String> values, Random random) {
    StringBuilder text = new StringBuilder(size + 256);
    int line = 0;
    while (text.length() < size) {
      line++;
      if (line % 50 == 0) {
        text.append("  │ 'token: ").append(values.get(random.nextInt(values.size()))).append("'\n");
      } else {
        text.append("  GET https://api.example.com/users/")
            .append(line)
            .append("?page=2&limit=50 [200 OK, 1.2kB, 41ms]\n  ✓  status is 200\n");
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  // --- measuring --------------------------------------------------------------------------------

  private interface Measure {
    double run() throws Exception;
  }

  private double median(Measure measure) throws Exception {
    measure.run(); // warm the file cache
    double[] times = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      times[i] = measure.run();
    }
    return median(times);
  }

  /** Runs the commands in turn, REPEATS rounds, and returns each one's median. */
  private double[] interleaved(List<List<String>> commands, Map<String, String> env)
      throws Exception {
    for (List<String> command : commands) {
      time(command, env); // warm the file cache
    }
    double[][] times = new double[commands.size()][repeats];
    for (int i = 0; i < repeats; i++) {
      for (int c = 0; c < commands.size(); c++) {
        times[c][i] = time(commands.get(c), env);
      }
    }
    double[] medians = new double[commands.size()];
    for (int c = 0; c < commands.size(); c++) {
      medians[c] = median(times[c]);
    }
    return medians;
  }

  private static String stderrOf(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "\n" + err);
    }
    return err;
  }

  private static double time(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    if (process.exitValue() != 0) {
      throw new IllegalStateException("exit " + process.exitValue() + ": " + command);
    }
    return ms;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String field(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + regex + " in:\n" + text);
    }
    return matcher.group(1);
  }

  private static double seconds(String clock) {
    String[] parts = clock.split(":");
    double total = 0;
    for (String part : parts) {
      total = total * 60 + Double.parseDouble(part);
    }
    return total;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  // --- reporting --------------------------------------------------------------------------------

  private void record(String name, Map<String, Double> figures) {
    results.put(name, new LinkedHashMap<>(figures));
  }

  private void row(String what, String measured, String ratio, String target) {
    table.add(new String[] {what, measured, ratio, target});
    System.out.println(String.join(" | ", what, measured, ratio, target));
  }

  private void print() throws IOException {
    StringBuilder markdown =
        new StringBuilder(
            "| Case | Measured (median) | Ratio | Target |\n| --- | --- | --- | --- |\n");
    for (String[] row : table) {
      markdown.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    System.out.println();
    System.out.print(markdown);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("repeats", repeats);
    document.put(
        "machine",
        Map.of(
            "cores", Runtime.getRuntime().availableProcessors(),
            "java", System.getProperty("java.version"),
            "os", System.getProperty("os.name") + " " + System.getProperty("os.version")));
    document.put("results", results);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(OUT.resolve("results.json").toFile(), document);
    Files.writeString(OUT.resolve("results.md"), markdown);
    System.out.println("\nWritten: " + OUT.resolve("results.json") + " and results.md");
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, "%.0f ms", ms);
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
