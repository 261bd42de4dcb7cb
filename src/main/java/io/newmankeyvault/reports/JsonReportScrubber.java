package io.newmankeyvault.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.redact.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Redacts a JSON report token by token, so that it stays JSON: a string keeps being a string (with
 * {@code ***} where a protected form was), a number, boolean or null whose text holds a protected
 * form becomes the string {@code "***"}, and a Buffer byte array ({@code {"type": "Buffer", "data":
 * [67, 65, ...]}}, how Newman's JSON reporter stores bodies) is decoded, redacted and re-encoded.
 * Field names are redacted like strings. Everything else, key order and duplicate keys included, is
 * copied as it was, indented the way the file was ({@code JSON.stringify(report, null, 2)} for
 * Newman's reporter). Stateless and thread-safe.
 */
final class JsonReportScrubber {
  private final Redactor redactor;

  JsonReportScrubber(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * The report with every protected form redacted, or the same array when there was none.
   *
   * @throws IOException when the bytes are not one JSON document
   */
  byte[] scrub(byte[] json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
    boolean changed;
    try (JsonParser parser = Json.MAPPER.createParser(json);
        JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
      int indent = indentOf(json);
      if (indent > 0) {
        generator.setPrettyPrinter(likeJsonStringify(indent));
      }
      changed = copy(parser, generator);
      if (parser.nextToken() != null) {
        throw new IOException("more than one JSON value");
      }
    }
    return changed ? out.toByteArray() : json;
  }

  /** Copies one value, the parser standing before it; whether anything was redacted. */
  private boolean copy(JsonParser parser, JsonGenerator generator) throws IOException {
    boolean changed = false;
    int depth = 0;
    // Per open object: whether its "type" field said "Buffer".
    List<Boolean> buffers = new ArrayList<>();
    String field = null;
    do {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("the JSON ends early");
      }
      switch (token) {
        case START_OBJECT -> {
          generator.writeStartObject();
          buffers.add(false);
          depth++;
        }
        case END_OBJECT -> {
          generator.writeEndObject();
          buffers.remove(buffers.size() - 1);
          depth--;
        }
        case START_ARRAY -> {
          if ("data".equals(field) && !buffers.isEmpty() && buffers.get(buffers.size() - 1)) {
            changed |= copyBuffer(parser, generator);
          } else {
            generator.writeStartArray();
            depth++;
          }
        }
        case END_ARRAY -> {
          generator.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> {
          field = parser.currentName();
          String clean = redactor.redact(field);
          changed |= !clean.equals(field);
          generator.writeFieldName(clean);
          continue; // the field's value follows; keep its name
        }
        case VALUE_STRING -> {
          String text = parser.getText();
          if ("type".equals(field) && "Buffer".equals(text) && !buffers.isEmpty()) {
            buffers.set(buffers.size() - 1, true);
          }
          String clean = redactor.redact(text);
          changed |= !clean.equals(text);
          generator.writeString(clean);
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
          String text = parser.getText();
          if (redactor.containsProtected(text)) {
            generator.writeString(Redactor.MASK);
            changed = true;
          } else if (token.isNumeric()) {
            generator.writeNumber(text); // as written: no reformatting of the number
          } else {
            generator.copyCurrentEvent(parser);
          }
        }
        default -> generator.copyCurrentEvent(parser);
      }
      field = null;
    } while (depth > 0);
    return changed;
  }

  /** A Buffer's byte array, the parser on its START_ARRAY: decoded, redacted, re-encoded. */
  private boolean copyBuffer(JsonParser parser, JsonGenerator generator) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> asWritten = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token != JsonToken.VALUE_NUMBER_INT
          || parser.getIntValue() < 0
          || parser.getIntValue() > 255) {
        throw new IOException("a Buffer's data that is not bytes");
      }
      asWritten.add(parser.getText());
      bytes.write(parser.getIntValue());
    }
    byte[] data = bytes.toByteArray();
    byte[] clean = redactor.redact(data);
    generator.writeStartArray();
    if (clean == data) {
      for (String number : asWritten) {
        generator.writeNumber(number);
      }
    } else {
      for (byte b : clean) {
        generator.writeNumber(b & 0xff);
      }
    }
    generator.writeEndArray();
    return clean != data;
  }

  /** The indent of the first indented line, 0 for a document on one line. */
  private static int indentOf(byte[] json) {
    int newline = -1;
    for (int i = 0; i < json.length; i++) {
      if (json[i] == '\n') {
        newline = i;
        break;
      }
    }
    if (newline < 0) {
      return 0;
    }
    int spaces = 0;
    while (newline + 1 + spaces < json.length && json[newline + 1 + spaces] == ' ') {
      spaces++;
    }
    return spaces;
  }

  /**
   * Jackson's pretty printer set to write what {@code JSON.stringify(value, null, indent)} does.
   */
  private static DefaultPrettyPrinter likeJsonStringify(int indent) {
    DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
