package org.radflow.config;

import java.nio.file.Path;
import java.time.Duration;
import org.radflow.db.SqliteSync;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * radflow's settings. Each can be given as an environment variable: {@code RADFLOW_HOME}, {@code
 * RADFLOW_DB_URL}, {@code RADFLOW_DB_USER}, {@code RADFLOW_DB_PASSWORD}, {@code
 * RADFLOW_INLINE_LIMIT_BYTES}, {@code RADFLOW_HOLD_LIMIT} …
 *
 * @param home where the embedded database and other files live
 * @param db the database; without a URL, SQLite under {@code home}
 * @param inlineLimitBytes inline data above this is refused: pass a reference instead
 * @param holdLimit how long an early event waits for its prerequisite before the exception lane
 * @param holdSweepInterval how often expired holds are looked for
 * @param sqliteSync FULL (default: durable through power loss) or NORMAL (durable through kill -9)
 * @param orchestration the step engine, its services and timers
 * @param kafka {@code bootstrap} (RADFLOW_KAFKA_BOOTSTRAP) enables publication to Kafka; {@code
 *     topic} defaults to radflow.study-events
 * @param outbox {@code retention} of published events (default 7 days; the history stays), and
 *     {@code relay} (default true) to run this node's relay
 * @param blob where retained payloads are kept and the keys that encrypt them
 * @param national the HI Service and My Health Record rules that are the site's to set
 */
@ConfigurationProperties("radflow")
public record RadflowProperties(
    Path home,
    Db db,
    Integer inlineLimitBytes,
    Duration holdLimit,
    Duration holdSweepInterval,
    SqliteSync sqliteSync,
    OrchestrationProperties orchestration,
    Kafka kafka,
    Outbox outbox,
    BlobProperties blob,
    NationalProperties national) {

  public record Kafka(String bootstrap, String topic) {
    public Kafka {
      topic = topic == null || topic.isBlank() ? "radflow.study-events" : topic;
    }
  }

  public record Outbox(Duration retention, Boolean relay) {
    public Outbox {
      retention = retention == null ? Duration.ofDays(7) : retention;
      relay = relay == null || relay;
    }
  }

  public record Db(String url, String user, String password, Integer poolSize) {}

  public RadflowProperties {
    home = home == null ? Path.of("data") : home;
    db = db == null ? new Db(null, null, null, null) : db;
    inlineLimitBytes = inlineLimitBytes == null ? 16 * 1024 : inlineLimitBytes;
    holdLimit = holdLimit == null ? Duration.ofHours(4) : holdLimit;
    holdSweepInterval = holdSweepInterval == null ? Duration.ofSeconds(30) : holdSweepInterval;
    sqliteSync = sqliteSync == null ? SqliteSync.FULL : sqliteSync;
    national = national == null ? new NationalProperties(null, null, null, null, null) : national;
    orchestration =
        orchestration == null
            ? new OrchestrationProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null)
            : orchestration;
    kafka = kafka == null ? new Kafka(null, null) : kafka;
    outbox = outbox == null ? new Outbox(null, null) : outbox;
    blob = blob == null ? new BlobProperties(null, null, null, null) : blob;
  }
}
