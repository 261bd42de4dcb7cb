package io.newmankeyvault.newman;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Newman's {@code --ssl-client-cert-list}: one entry per host pattern, its key and chain in 0600
 * files of the private directory. postman-runtime reads those files again for every request that
 * matches, so they cannot be pipes; closing deletes them and zeroes their bytes (the directory's
 * removal is the last resort). The list itself names only paths and patterns.
 */
public final class ClientCertList implements AutoCloseable {
  /**
   * One certificate for Newman.
   *
   * @param hostPattern {@code HOST[:PORT]} ({@code *.} allowed) or a full URL match pattern
   * @param keyPem the private key, PEM
   * @param chainPem the certificate chain, PEM
   */
  public record Entry(String hostPattern, String keyPem, String chainPem) {}

  private final List<Handover> files;
  private final byte[] json;

  private ClientCertList(List<Handover> files, byte[] json) {
    this.files = files;
    this.json = json;
  }

  /** Writes each entry's files into {@code directory}; see {@link #json()}. */
  public static ClientCertList write(Path directory, List<Entry> entries) throws IOException {
    List<Handover> files = new ArrayList<>();
    ArrayNode list = Json.MAPPER.createArrayNode();
    int n = 0;
    try {
      for (Entry entry : entries) {
        n++;
        Handover key =
            Handover.file(
                directory.resolve("client-cert-" + n + ".key.pem"),
                entry.keyPem().getBytes(StandardCharsets.US_ASCII));
        files.add(key);
        Handover chain =
            Handover.file(
                directory.resolve("client-cert-" + n + ".pem"),
                entry.chainPem().getBytes(StandardCharsets.US_ASCII));
        files.add(chain);
        ObjectNode item = list.addObject();
        item.put("name", "newman-keyvault --client-cert " + entry.hostPattern());
        item.putArray("matches").add(matchPattern(entry.hostPattern()));
        item.putObject("key").put("src", key.path().toString());
        item.putObject("cert").put("src", chain.path().toString());
      }
      return new ClientCertList(files, Json.MAPPER.writeValueAsBytes(list));
    } catch (IOException e) {
      files.forEach(Handover::close);
      throw e;
    }
  }

  /**
   * The URL match pattern Newman gets: a full pattern as it is, else {@code https://PATTERN/*}
   * (client certificates are a TLS matter).
   */
  static String matchPattern(String hostPattern) {
    return hostPattern.contains("://") ? hostPattern : "https://" + hostPattern + "/*";
  }

  /** The list as JSON, for the file or pipe given as {@code --ssl-client-cert-list}. */
  public byte[] json() {
    return json.clone();
  }

  @Override
  public void close() {
    files.forEach(Handover::close);
  }
}
