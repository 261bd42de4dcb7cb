package org.slf4j.impl;

import io.newmankeyvault.redact.LibraryLog;
import org.slf4j.ILoggerFactory;
import org.slf4j.spi.LoggerFactoryBinder;

/**
 * The SLF4J 1.7 binding for the Azure SDK's logs: they go to {@link LibraryLog}, which prints them
 * through the run's redactor only with {@code --verbose}. Without a binding SLF4J would print a
 * three-line warning on every run.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {
  /** SLF4J reads this to check compatibility. */
  public static String REQUESTED_API_VERSION = "1.7.36"; // NOPMD: the name and type SLF4J expects

  private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

  private final ILoggerFactory factory = LibraryLog::logger;

  private StaticLoggerBinder() {}

  public static StaticLoggerBinder getSingleton() {
    return SINGLETON;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public String getLoggerFactoryClassStr() {
    return LibraryLog.class.getName();
  }
}
