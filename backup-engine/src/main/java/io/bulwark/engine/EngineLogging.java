package io.bulwark.engine;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.bulwark.engine.settings.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends the engine's log to {@code engine.log} in the log directory as well as to standard output.
 * The engine rolls the file itself (daily and at 20 MB, 30 days within 1 GB), so the packages need
 * no logrotate rule that could cut a file under it.
 */
final class EngineLogging {
    static final String FILE_NAME = "engine.log";

    private EngineLogging() {
    }

    static void toDirectory(Path logs) {
        try {
            if (!Files.isDirectory(logs)) {
                // Like /var/log/bulwark of the packages: the engine's user writes, its group (adm) reads.
                Files.createDirectories(logs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            }
        } catch (IOException e) {
            throw new SettingsException("Cannot create the log directory " + logs + " (" + e.getMessage() + "). "
                    + "Make it writable for the engine's user, or set log.dir (BULWARK_LOG_DIR, --log-dir).");
        }
        if (!Files.isWritable(logs)) {
            throw new SettingsException("The engine cannot write to its log directory " + logs + ". Give its user "
                    + "write access, or set log.dir (BULWARK_LOG_DIR, --log-dir) to another directory.");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("engine-log");
        file.setFile(logs.resolve(FILE_NAME).toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logs.resolve("engine.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("20MB"));
        rolling.setMaxHistory(30);
        rolling.setTotalSizeCap(FileSize.valueOf("1GB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder);
        file.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(file);
    }
}
