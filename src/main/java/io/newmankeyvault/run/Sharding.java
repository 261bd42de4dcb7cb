package io.newmankeyvault.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.CollectionShards;
import io.newmankeyvault.postman.V3Collection;
import io.newmankeyvault.postman.V3Shards;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code --shard K/N}: run shard K of N of the collection (see {@link CollectionShards}). With N =
 * 1 the run is exactly an unsharded one.
 *
 * @param number K, from 1 to N
 * @param count N
 */
public record Sharding(int number, int count) {
  private static final Pattern SHARD = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");

  /** The whole collection: no {@code --shard}. */
  public static final Sharding NONE = new Sharding(1, 1);

  /** Parses {@code K/N}; exit 2 with what is wrong. */
  public static Sharding parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Matcher matcher = SHARD.matcher(text);
    if (!matcher.matches()) {
      throw UserFacingException.usage(
          "--shard expects K/N, e.g. 2/4 for the second of four shards");
    }
    int number = Integer.parseInt(matcher.group(1));
    int count = Integer.parseInt(matcher.group(2));
    if (count < 1 || number < 1 || number > count) {
      throw UserFacingException.usage(
          "--shard " + number + "/" + count + ": K must be from 1 to N (N at least 1)");
    }
    return new Sharding(number, count);
  }

  /** Whether the collection is split (N > 1). */
  public boolean splits() {
    return count > 1;
  }

  /**
   * The collection the runner runs: {@code collection} itself, or this shard's derived collection
   * written to {@code directory}: a file for v2.x JSON, for a v3 folder a copy of the folder
   * ({@link V3Shards}) of the same name under {@code directory/shard-collection/}.
   */
  Path collectionFor(Path collection, Path directory) {
    if (!splits()) {
      return collection;
    }
    CollectionShards.Shard shard =
        CollectionShards.balance(CollectionShards.topLevel(collection), count).get(number - 1);
    Set<Integer> keep =
        shard.items().stream().map(CollectionShards.Item::index).collect(Collectors.toSet());
    if (V3Collection.isV3(collection)) {
      Path folder = directory.resolve("shard-collection").resolve(V3Shards.folderName(collection));
      V3Shards.write(collection, keep, folder);
      return folder;
    }
    Path derived = directory.resolve("shard-collection.json");
    CollectionShards.write(collection, keep, derived);
    return derived;
  }

  /** The dry run's lines within {@code width}: what each shard runs, this one marked. */
  String describe(Path collection, int width) {
    StringBuilder text = new StringBuilder();
    List<CollectionShards.Shard> shards =
        CollectionShards.balance(CollectionShards.topLevel(collection), count);
    for (CollectionShards.Shard shard : shards) {
      String line =
          String.format(
                  Locale.ROOT, "shard %d/%d: %d requests", shard.number(), count, shard.requests())
              + (shard.items().isEmpty() ? "" : ": ")
              + shard.items().stream()
                  .map(item -> (item.folder() ? "" : "request ") + quoted(item.name()))
                  .collect(Collectors.joining(", "));
      text.append(shard.number() == number ? "* " : "  ")
          .append(PlanTable.paragraph(line, width - 2).replace("\n  ", "\n    "));
    }
    return text.toString();
  }

  /** The JSON plan with a {@code shards} array: each shard's number, requests and items. */
  String addTo(String planJson, Path collection) {
    try {
      ObjectNode plan = (ObjectNode) Json.MAPPER.readTree(planJson);
      ArrayNode shards = plan.putArray("shards");
      for (CollectionShards.Shard shard :
          CollectionShards.balance(CollectionShards.topLevel(collection), count)) {
        ObjectNode entry = shards.addObject();
        entry.put("shard", shard.number());
        entry.put("of", count);
        entry.put("this", shard.number() == number);
        entry.put("requests", shard.requests());
        ArrayNode items = entry.putArray("items");
        for (CollectionShards.Item item : shard.items()) {
          items
              .addObject()
              .put("name", item.name())
              .put("folder", item.folder())
              .put("requests", item.requests());
        }
      }
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not add the shards to the plan", e);
    }
  }

  private static String quoted(String name) {
    return name.isEmpty() ? "(unnamed)" : "'" + name + "'";
  }
}
