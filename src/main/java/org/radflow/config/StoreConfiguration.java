package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.store.Store;
import org.radflow.store.StoreFactory;
import org.radflow.store.StoreSettings;
import org.radflow.store.StudyStore;
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

  @Bean(destroyMethod = "close")
  Store store(RadflowProperties properties) {
    RadflowProperties.Db db = properties.db();
    String url =
        db.url() == null || db.url().isBlank()
            ? StoreFactory.sqliteUrl(properties.home())
            : db.url();
    int poolSize = db.poolSize() == null ? 10 : db.poolSize();
    return StoreFactory.open(
        url,
        db.user(),
        db.password(),
        poolSize,
        new StoreSettings(
                properties.inlineLimitBytes(), properties.holdLimit(), properties.sqliteSync())
            .withWorkflow(
                deadlines(properties.orchestration()), retry(properties.orchestration())));
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
  StudyLifecycle studyLifecycle(StudyStore store, Clock clock, MeterRegistry meters) {
    return new StudyLifecycle(store, clock, meters);
  }
}
