package org.radflow.config;

import org.radflow.access.jdbc.JdbcTokenStore;
import org.radflow.access.jdbc.JdbcUserStore;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Databases;
import org.radflow.deadletter.jdbc.JdbcDeadLetters;
import org.radflow.events.jdbc.JdbcOutbox;
import org.radflow.events.jdbc.JdbcOutboxOperations;
import org.radflow.lifecycle.jdbc.JdbcStudyStore;
import org.radflow.lifecycle.jdbc.StepWriter;
import org.radflow.orchestration.jdbc.JdbcPatientUpdateLog;
import org.radflow.orchestration.jdbc.JdbcRecovery;
import org.radflow.orchestration.jdbc.JdbcServiceStore;
import org.radflow.orchestration.jdbc.JdbcStepStore;
import org.radflow.restore.BlobReferences;
import org.radflow.restore.jdbc.JdbcBlobReferences;
import org.radflow.webhook.jdbc.JdbcWebhooks;
import org.radflow.webhook.jdbc.WebhookFanOut;

/**
 * Every feature's store on one database: the composition root of the JDBC parts, for the
 * application, the benchmarks and the tests alike. Each part receives the {@link Database} (the
 * unit of work) and, where one transaction spans two features, the lower feature's in-transaction
 * part; none holds a reference to another's store. Closing closes the database.
 */
public record Stores(
    Database database,
    JdbcStudyStore studies,
    JdbcStepStore steps,
    JdbcRecovery recovery,
    JdbcServiceStore services,
    JdbcPatientUpdateLog patientUpdates,
    JdbcOutbox outbox,
    JdbcOutboxOperations outboxOperations,
    JdbcWebhooks webhooks,
    JdbcDeadLetters deadLetters,
    JdbcAuditTrail audit,
    JdbcTokenStore tokens,
    JdbcUserStore users)
    implements AutoCloseable {

  /** Opens the database at {@code jdbcUrl}, migrating its schema, and builds every store on it. */
  public static Stores open(
      String jdbcUrl, String user, String password, int poolSize, StoreSettings settings) {
    return on(Databases.open(jdbcUrl, user, password, poolSize, settings.sqliteSync()), settings);
  }

  /** Builds every store on an open database. */
  public static Stores on(Database database, StoreSettings settings) {
    JdbcAuditTrail audit = new JdbcAuditTrail(database);
    StepWriter stepWriter =
        JdbcStudyStore.stepWriter(database, settings.retry(), settings.payloads());
    JdbcStudyStore studies =
        new JdbcStudyStore(
            database,
            settings.inlineLimitBytes(),
            settings.holdLimit(),
            settings.deadlines(),
            stepWriter,
            settings.tracing());
    WebhookFanOut webhookFanOut = WebhookFanOut.on(database);
    return new Stores(
        database,
        studies,
        new JdbcStepStore(database, studies.transactions(), stepWriter, settings.tracing()),
        new JdbcRecovery(database, studies.transactions(), stepWriter, audit),
        new JdbcServiceStore(database, audit),
        new JdbcPatientUpdateLog(database),
        new JdbcOutbox(database, webhookFanOut),
        new JdbcOutboxOperations(database, studies, audit, webhookFanOut),
        new JdbcWebhooks(database, audit),
        new JdbcDeadLetters(database, audit),
        audit,
        new JdbcTokenStore(database, audit),
        new JdbcUserStore(database, audit));
  }

  /** Every reference to a blob the database holds, for proving a restore (restore-check). */
  public BlobReferences blobReferences() {
    return new JdbcBlobReferences(database);
  }

  @Override
  public void close() {
    database.close();
  }
}
