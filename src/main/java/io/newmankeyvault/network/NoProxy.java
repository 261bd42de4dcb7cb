package io.newmankeyvault.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts {@code NO_PROXY} sends direct, matched as postman-request matches them: an entry
 * matches that host and its subdomains, with a leading dot or without; {@code HOST:PORT} only that
 * port; an IP address itself; {@code *} every host.
 */
final class NoProxy {
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]+\\]|[^:]+):([0-9]+)");

  private record Zone(String suffix, String port) {}

  private final List<Zone> zones;

  private NoProxy(List<Zone> zones) {
    this.zones = zones;
  }

  /** The entries of a comma-separated list; null gives none. */
  static NoProxy parse(String list) {
    List<Zone> zones = new ArrayList<>();
    for (String entry : list == null ? new String[0] : list.split(",")) {
      String zone = entry.strip().toLowerCase(Locale.ROOT);
      if (zone.isEmpty()) {
        continue;
      }
      String host = zone;
      String port = null;
      Matcher hostPort = HOST_PORT.matcher(zone);
      if (hostPort.matches()) {
        host = hostPort.group(1);
        port = hostPort.group(2);
      }
      zones.add(
          host.equals("*")
              ? new Zone("*", null)
              : new Zone("." + host.replaceFirst("^\\*", "").replaceFirst("^\\.+", ""), port));
    }
    return new NoProxy(List.copyOf(zones));
  }

  /** Whether {@code host} (lower case) at {@code port} goes direct. */
  boolean excludes(String host, int port) {
    String dotted = "." + host.replaceFirst("^\\.+", "");
    for (Zone zone : zones) {
      if (zone.suffix().equals("*")) {
        return true;
      }
      if (dotted.endsWith(zone.suffix())
          && (zone.port() == null || zone.port().equals(Integer.toString(port)))) {
        return true;
      }
    }
    return false;
  }
}
