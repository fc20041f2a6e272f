package org.radflow.config;

import java.util.Optional;
import org.radflow.blob.EncryptingBlobStore;
import org.radflow.national.DocumentPackage;
import org.radflow.national.NationalRequests;
import org.radflow.national.RetainedRequests;
import org.radflow.orchestration.StepRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The national services' requests: built for the organisation the site names, and retained in the
 * encrypted blob store when each national step is written.
 */
@Configuration(proxyBeanMethods = false)
class NationalConfiguration {

  @Bean
  NationalRequests nationalRequests(RadflowProperties properties) {
    NationalProperties n = properties.national();
    return new NationalRequests(
        new DocumentPackage.Organisation(n.organisationId(), n.organisationName()));
  }

  @Bean
  RetainedRequests retainedRequests(EncryptingBlobStore blobs, NationalRequests requests) {
    return new RetainedRequests(blobs, requests);
  }

  @Bean
  StepRequests stepRequests(
      EncryptingBlobStore blobs,
      RetainedRequests retainer,
      NationalRequests requests,
      RadflowProperties properties) {
    NationalProperties n = properties.national();
    return new StepRequests(
        Optional.of(blobs),
        Optional.of(retainer),
        requests,
        n.payloadRetention(),
        n.purgeInterval());
  }
}
