package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.AUTHORITY;
import static org.radflow.hl7.Hl7Messages.order;
import static org.radflow.hl7.Hl7Messages.orderStatus;
import static org.radflow.hl7.Hl7Messages.result;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.store.Store;
import org.radflow.store.StoreFactory;
import org.radflow.store.StoreSettings;
import org.radflow.study.BusinessKey;
import org.radflow.study.ClinicalState;
import org.radflow.study.ImagingState;
import org.radflow.study.Study;

class MllpIngestTest {

  @TempDir Path home;
  Store store;
  FileSystemBlobStore blobs;
  Hl7Service hl7;
  MllpClient client;
  final List<String> deadLetters = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    store =
        StoreFactory.open(StoreFactory.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    blobs = new FileSystemBlobStore(home.resolve("blobs"));
    Hl7Settings settings =
        new Hl7Settings(
            InetAddress.getLoopbackAddress(),
            0,
            8,
            64 * 1024,
            Duration.ofSeconds(2),
            StandardCharsets.UTF_8,
            null);
    hl7 =
        new Hl7Service(
            settings,
            new StudyLifecycle(store, Clock.systemUTC()),
            store,
            blobs,
            (peer, header, raw, rejection, reason) ->
                deadLetters.add(rejection + " " + header.controlId() + " " + reason),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    hl7.listener().start();
    client = new MllpClient(hl7.listener().port());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    hl7.close();
    store.close();
  }

  Study study(String accession) {
    return store.findByBusinessKey(new BusinessKey(AUTHORITY, accession)).orElseThrow();
  }

  @Test
  void anOrderOpensAStudyAndAResultMovesIt() throws Exception {
    MllpClient.Ack ack = client.send(order("NW", "M1", "P1", "A1"));
    assertThat(ack.code()).as(ack.raw()).isEqualTo("AA");
    assertThat(ack.controlId()).isEqualTo("M1");
    assertThat(study("A1").clinical()).isEqualTo(ClinicalState.ORDER_RECEIVED);

    ack = client.send(orderStatus("M2", "P1", "A1", "IP"));
    assertThat(ack.code()).as(ack.raw()).isEqualTo("AA");
    ack = client.send(orderStatus("M3", "P1", "A1", "CM"));
    assertThat(ack.code()).as(ack.raw()).isEqualTo("AA");
    assertThat(study("A1").imaging()).isEqualTo(ImagingState.ACQUISITION_COMPLETE);

    ack = client.send(result("M4", "P1", "A1", "F", "No acute findings"));
    assertThat(ack.code()).as(ack.raw()).isEqualTo("AA");
    assertThat(ack.text()).contains("held");
    System.out.println(ack.raw());
    System.out.println(deadLetters);
  }
}
