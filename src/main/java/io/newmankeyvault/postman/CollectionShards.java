package io.newmankeyvault.postman;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A collection split into shards for a CI matrix: its top-level items (folders and loose requests)
 * dealt to N shards balanced by request count, largest first, each to the shard with the fewest
 * requests so far (ties to the lower shard), so every leg computes the same split. A shard runs as
 * a derived collection that keeps everything of the original but the other top-level items:
 * Newman's {@code --folder} selects folders by name at any depth, so it cannot tell duplicate or
 * nested names apart, nor select a request at the top level. Both passes stream, as collections can
 * hold tens of MB of saved responses.
 */
public final class CollectionShards {
  private CollectionShards() {}

  /**
   * A top-level item.
   *
   * @param index its position in the collection's {@code item} array (in a v3 folder, in {@code
   *     order:})
   * @param name its name ("" when it has none)
   * @param folder whether it is a folder (has {@code item}) rather than a request
   * @param requests the requests in it (1 for a request)
   */
  public record Item(int index, String name, boolean folder, int requests) {}

  /**
   * One shard: its number (1 to N) and its items, in collection order.
   *
   * @param number the shard's number, from 1
   * @param items its top-level items, in collection order
   */
  public record Shard(int number, List<Item> items) {
    public int requests() {
      return items.stream().mapToInt(Item::requests).sum();
    }
  }

  /**
   * The top-level items of a v2 collection file (or a Postman API answer), or of a v3 collection
   * folder ({@link V3Shards}); exit 2 otherwise.
   */
  public static List<Item> topLevel(Path collection) {
    if (V3Collection.isV3(collection)) {
      return V3Shards.topLevel(collection);
    }
    String what = "collection file " + collection;
    try (JsonParser parser = Json.MAPPER.createParser(Files.newInputStream(collection))) {
      if (parser.nextToken() != JsonToken.START_OBJECT || !toItems(parser)) {
        throw UserFacingException.usage(
            "--shard needs a collection with items (v2.0 or v2.1): " + what + " has none");
      }
      List<Item> items = new ArrayList<>();
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        items.add(item(parser, items.size()));
      }
      return items;
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  /** Deals {@code items} to {@code count} shards; see the class comment. */
  public static List<Shard> balance(List<Item> items, int count) {
    List<List<Item>> dealt = new ArrayList<>();
    int[] load = new int[count];
    for (int i = 0; i < count; i++) {
      dealt.add(new ArrayList<>());
    }
    List<Item> largestFirst =
        items.stream()
            .sorted(Comparator.comparingInt(Item::requests).reversed().thenComparing(Item::index))
            .toList();
    for (Item item : largestFirst) {
      int least = 0;
      for (int i = 1; i < count; i++) {
        if (load[i] < load[least]) {
          least = i;
        }
      }
      dealt.get(least).add(item);
      load[least] += item.requests();
    }
    List<Shard> shards = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shards.add(
          new Shard(
              i + 1, dealt.get(i).stream().sorted(Comparator.comparingInt(Item::index)).toList()));
    }
    return shards;
  }

  /**
   * Writes {@code source} to {@code target} with only the top-level items at {@code keep}; all else
   * (info, variables, auth, events, the Postman API's wrapper) as it was.
   */
  public static void write(Path source, Set<Integer> keep, Path target) {
    try (JsonParser parser = Json.MAPPER.createParser(Files.newInputStream(source));
        OutputStream out = Files.newOutputStream(target);
        JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
      parser.nextToken();
      copyObject(parser, generator, keep);
    } catch (IOException e) {
      throw UserFacingException.usage(
          "cannot write the shard's collection (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Copies the object at the parser, keeping only {@code keep} of its top-level {@code item}. */
  private static void copyObject(JsonParser parser, JsonGenerator generator, Set<Integer> keep)
      throws IOException {
    generator.writeStartObject();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      generator.writeFieldName(field);
      if (field.equals("collection") && value == JsonToken.START_OBJECT) {
        copyObject(parser, generator, keep); // the Postman API's {"collection": {...}}
      } else if (field.equals("item") && value == JsonToken.START_ARRAY) {
        generator.writeStartArray();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (keep.contains(index++)) {
            generator.copyCurrentStructure(parser);
          } else {
            parser.skipChildren();
          }
        }
        generator.writeEndArray();
      } else {
        generator.copyCurrentStructure(parser);
      }
    }
    generator.writeEndObject();
  }

  /** Moves the parser into the top-level {@code item} array; false when there is none. */
  private static boolean toItems(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("collection") && value == JsonToken.START_OBJECT) {
        return toItems(parser);
      }
      if (field.equals("item") && value == JsonToken.START_ARRAY) {
        return true;
      }
      parser.skipChildren();
    }
    return false;
  }

  /** One top-level item, read to its end: its name, kind and request count. */
  private static Item item(JsonParser parser, int index) throws IOException {
    String name = "";
    boolean folder = false;
    int requests = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("name") && value == JsonToken.VALUE_STRING) {
        name = parser.getText();
      } else if (field.equals("item") && value == JsonToken.START_ARRAY) {
        folder = true;
        requests += requestsIn(parser);
      } else if (field.equals("request")) {
        requests++;
        parser.skipChildren();
      } else {
        parser.skipChildren();
      }
    }
    return new Item(index, name, folder, folder ? requests : Math.max(requests, 1));
  }

  /** The requests in an {@code item} array, at any depth (the parser is at its start). */
  private static int requestsIn(JsonParser parser) throws IOException {
    int requests = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("item") && value == JsonToken.START_ARRAY) {
          requests += requestsIn(parser);
        } else {
          if (field.equals("request")) {
            requests++;
          }
          parser.skipChildren();
        }
      }
    }
    return requests;
  }
}
