package io.newmankeyvault.reports;

import com.fasterxml.jackson.core.JsonParser;
import io.newmankeyvault.base.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a report file is, by its name (Newman's json reporter writes .json, junit .xml, htmlextra
 * .html), and whether its bytes are well-formed in that format: read to the end as a stream, never
 * expanding entities or fetching anything.
 */
enum ReportFormat {
  JSON {
    @Override
    boolean wellFormed(byte[] bytes) {
      try (JsonParser parser = Json.MAPPER.createParser(bytes)) {
        if (parser.nextToken() == null) {
          return false;
        }
        parser.skipChildren();
        return parser.nextToken() == null;
      } catch (IOException e) {
        return false;
      }
    }
  },
  XML {
    @Override
    boolean wellFormed(byte[] bytes) {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      try {
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
        try {
          while (reader.hasNext()) {
            reader.next();
          }
          return true;
        } finally {
          reader.close();
        }
      } catch (XMLStreamException e) {
        return false;
      }
    }
  },
  /** Anything else (HTML included): redacted as text, not checked. */
  OTHER {
    @Override
    boolean wellFormed(byte[] bytes) {
      return true;
    }
  };

  /** Whether the bytes are a well-formed document of this format. */
  abstract boolean wellFormed(byte[] bytes);

  static ReportFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".xml")) {
      return XML;
    }
    return OTHER;
  }
}
