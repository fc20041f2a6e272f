package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.radflow.audit.AuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Databases;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.events.OutboxOperations;
import org.radflow.events.OutboxStore;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyStore;
import org.radflow.national.RetainedRequests;
import org.radflow.orchestration.PatientUpdateLog;
import org.radflow.orchestration.Recovery;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.StepStore;
import org.radflow.tracing.Tracing;
import org.radflow.webhook.WebhookStore;
import org.radflow.workflow.Deadlines;
import org.radflow.workflow.RetryPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RadflowProperties.class)
class StoreConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Every feature's store on the one database; closing it closes the database. */
  @Bean(destroyMethod = "close")
  Stores stores(RadflowProperties properties, RetainedRequests retained, Tracing tracing) {
    RadflowProperties.Db db = properties.db();
    String url =
        db.url() == null || db.url().isBlank() ? Databases.sqliteUrl(properties.home()) : db.url();
    int poolSize = db.poolSize() == null ? 10 : db.poolSize();
    return Stores.open(
        url,
        db.user(),
        db.password(),
        poolSize,
        new StoreSettings(
                properties.inlineLimitBytes(), properties.holdLimit(), properties.sqliteSync())
            .withWorkflow(deadlines(properties.orchestration()), retry(properties.orchestration()))
            .withPayloads(retained)
            .withTracing(tracing));
  }

  static Deadlines deadlines(OrchestrationProperties o) {
    return new Deadlines(o.imagesCommittedWithin(), o.reportTurnaround(), o.claimResponseWithin());
  }

  static RetryPolicy retry(OrchestrationProperties o) {
    RetryPolicy defaults = RetryPolicy.defaults();
    return new RetryPolicy(
        defaults.base(),
        defaults.cap(),
        o.maxAttempts(),
        Math.max(o.maxAttempts(), defaults.maxPollingAttempts()));
  }

  @Bean
  StudyStore studyStore(Stores stores) {
    return stores.studies();
  }

  @Bean
  StepStore stepStore(Stores stores) {
    return stores.steps();
  }

  @Bean
  Recovery recovery(Stores stores) {
    return stores.recovery();
  }

  @Bean
  ServiceStore serviceStore(Stores stores) {
    return stores.services();
  }

  @Bean
  PatientUpdateLog patientUpdateLog(Stores stores) {
    return stores.patientUpdates();
  }

  @Bean
  OutboxStore outboxStore(Stores stores) {
    return stores.outbox();
  }

  @Bean
  OutboxOperations outboxOperations(Stores stores) {
    return stores.outboxOperations();
  }

  @Bean
  WebhookStore webhookStore(Stores stores) {
    return stores.webhooks();
  }

  @Bean
  DeadLetterStore deadLetterStore(Stores stores) {
    return stores.deadLetters();
  }

  @Bean
  AuditTrail auditTrail(Stores stores) {
    return stores.audit();
  }

  /** Closed with {@link #stores}, which owns it: not a second time here. */
  @Bean(destroyMethod = "")
  Database database(Stores stores) {
    return stores.database();
  }

  @Bean
  StudyLifecycle studyLifecycle(
      StudyStore store, Clock clock, MeterRegistry meters, Tracing tracing) {
    return new StudyLifecycle(store, clock, meters, tracing);
  }
}
