package org.radflow.config;

import java.time.Instant;
import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The Spring-managed {@link JsonMapper}, which reads every HTTP request body, made strict and
 * bounded. Anyone on the network can send JSON, so the parser refuses what a client program would
 * never mean: a number or boolean where a string belongs (it would be stored as a different
 * identifier than the sender holds), a key given twice (which value wins is a guess), and documents
 * shaped to exhaust the parser (deep nesting, huge strings or numbers, millions of tokens).
 *
 * <p>The stream constraints live on the {@link JsonFactory}, which a Boot customizer cannot
 * replace, so this declares the builder bean Boot would otherwise declare and applies Boot's
 * customizers (the {@code spring.jackson.*} properties) to it in the same way.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

  /** Deeper than any request body radflow defines (three levels), far short of a stack overflow. */
  public static final int MAX_NESTING_DEPTH = 32;

  /** Above the 2,048 characters of the longest string field; the body cap comes first anyway. */
  public static final int MAX_STRING_LENGTH = 256 * 1024;

  /** A long has 19 digits; nothing radflow reads needs more. */
  public static final int MAX_NUMBER_LENGTH = 32;

  /** Field names and map keys. */
  public static final int MAX_NAME_LENGTH = 256;

  /** Tokens in one document: bounds the work of parsing a body of many tiny values. */
  public static final long MAX_TOKEN_COUNT = 100_000;

  static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxNameLength(MAX_NAME_LENGTH)
          .maxTokenCount(MAX_TOKEN_COUNT)
          .build();

  @Bean
  @Scope("prototype")
  JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
    JsonMapper.Builder builder = strict();
    customizers.forEach(customizer -> customizer.customize(builder));
    return builder;
  }

  /** The strict builder, before Boot's customizers; tests build a mapper from it directly. */
  public static JsonMapper.Builder strict() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 1.5 is not a version
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // 0 is not the first enum constant
        .addModule(
            new SimpleModule("radflow-text-instants")
                .addDeserializer(Instant.class, new TextInstants()))
        // ALLOW_COERCION_OF_SCALARS covers text to number; these cover number and boolean to text.
        .withCoercionConfig(
            LogicalType.Textual,
            config ->
                config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        // An empty string is not an absent value: "" where an enum, instant or URI belongs fails.
        .withCoercionConfigDefaults(
            config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
  }
}
