package org.radflow.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radflow.blob.BlobException;
import org.radflow.blob.BlobRef;
import org.radflow.blob.BlobStore;
import org.radflow.db.StoreException;

/**
 * From raw bytes (already in the blob store) to a verdict: decode, check the message's shape
 * against its bounds, parse and map within the parse budget, commit. Shared by the listener and by
 * reprocessing a dead letter, so a reprocessed message is judged exactly as a new one.
 */
final class Hl7Processing {

  private final Hl7Settings settings;
  private final Hl7Parsing parsing;
  private final BlobStore blobs;
  private final Hl7Ingest ingest;
  private final ParseBudget budget;

  Hl7Processing(
      Hl7Settings settings,
      Hl7Parsing parsing,
      BlobStore blobs,
      Hl7Ingest ingest,
      ParseBudget budget) {
    this.settings = settings;
    this.budget = budget;
    this.parsing = parsing;
    this.blobs = blobs;
    this.ingest = ingest;
  }

  Hl7Verdict process(PipeParser parser, byte[] raw, MessageHeader header, BlobRef stored) {
    if (header == MessageHeader.UNKNOWN) {
      return new Hl7Verdict.Rejected(
          Hl7Rejection.UNPARSEABLE,
          "the message does not start with an MSH segment; every HL7 v2 message must");
    }
    Optional<String> encoding = header.encodingProblem();
    if (encoding.isPresent()) {
      return new Hl7Verdict.Rejected(Hl7Rejection.WRONG_ENCODING_CHARACTERS, encoding.get());
    }
    Optional<Charset> charset = header.charset(settings.defaultCharset());
    if (charset.isEmpty()) {
      return new Hl7Verdict.Rejected(
          Hl7Rejection.UNSUPPORTED_VALUE,
          "MSH-18 character set '"
              + header.charsetName()
              + "' is not supported; radflow reads ASCII, 8859/1 and UNICODE UTF-8");
    }
    String text = Hl7Parsing.segments(new String(raw, charset.get()));
    MessageShape shape = MessageShape.scan(text, header, settings.bounds());
    if (shape.excess().isPresent()) {
      return new Hl7Verdict.Rejected(Hl7Rejection.OVERSIZED, shape.excess().get());
    }
    Optional<ParseBudget.Held> held = budget.take(shape.estimatedModelBytes());
    if (held.isEmpty()) {
      return new Hl7Verdict.Unavailable(
          "radflow is parsing other messages up to its budget of "
              + budget.bytes() / (1024 * 1024)
              + " MiB (RADFLOW_MLLP_PARSE_BUDGET_BYTES) and this one waited its turn too long;"
              + " send it again");
    }
    // HAPI's model lives until the commands are made of it: the budget is held until then
    List<Hl7Command> commands;
    try (ParseBudget.Held modelInMemory = held.get()) {
      Message message;
      try {
        message = parsing.parse(parser, text);
      } catch (HL7Exception | RuntimeException e) {
        // HAPI throws unchecked exceptions too on some malformed input: still the message's fault
        return new Hl7Verdict.Rejected(
            Hl7Rejection.UNPARSEABLE,
            "the message could not be parsed as HL7 v2: " + e.getMessage());
      }
      Hl7Context context = new Hl7Context(header, settings, stored, blobs);
      try {
        commands = Hl7Mapper.map(message, context);
      } catch (Unprocessable e) {
        return new Hl7Verdict.Rejected(e.rejection(), e.getMessage());
      } catch (HL7Exception e) {
        return new Hl7Verdict.Rejected(
            Hl7Rejection.UNPARSEABLE, "a field could not be read: " + e.getMessage());
      } catch (StoreException | BlobException e) {
        return unavailable(e);
      } catch (RuntimeException e) {
        return new Hl7Verdict.Rejected(
            Hl7Rejection.OTHER, "radflow could not map the message: " + e.getMessage());
      }
    }
    return execute(commands);
  }

  /**
   * The database or the blob store could not commit: nothing after this point happened, and what
   * did commit is found again (same business keys) when the sender re-sends.
   */
  private static Hl7Verdict unavailable(RuntimeException e) {
    return new Hl7Verdict.Unavailable(
        "radflow could not commit the message (" + e.getMessage() + "); keep it and send it again");
  }

  private Hl7Verdict execute(List<Hl7Command> commands) {
    List<String> done = new ArrayList<>();
    List<Hl7Verdict.Rejected> rejected = new ArrayList<>();
    for (Hl7Command command : commands) {
      Hl7Verdict verdict;
      try {
        verdict = ingest.execute(command);
      } catch (StoreException | BlobException e) {
        return unavailable(e);
      } catch (RuntimeException e) {
        // a value radflow's model refuses (too long, malformed): re-sending would not help, so it
        // is rejected and kept rather than answered AE forever
        verdict =
            new Hl7Verdict.Rejected(
                Hl7Rejection.OTHER, "radflow could not process it: " + e.getMessage());
      }
      // the ingest throws rather than answer unavailable; should it answer so, nothing runs on
      Optional<Hl7Verdict.Unavailable> stop =
          verdict.fold(
              accepted -> {
                done.add(accepted.summary());
                return Optional.empty();
              },
              rejection -> {
                rejected.add(rejection);
                return Optional.empty();
              },
              Optional::of);
      if (stop.isPresent()) {
        return stop.get();
      }
    }
    if (!rejected.isEmpty()) {
      StringBuilder reason = new StringBuilder();
      for (Hl7Verdict.Rejected r : rejected) {
        reason.append(reason.length() == 0 ? "" : "; ").append(r.reason());
      }
      if (!done.isEmpty()) {
        reason
            .append(" (the rest of the message was applied: ")
            .append(String.join("; ", done))
            .append(')');
      }
      return new Hl7Verdict.Rejected(
          rejected.get(0).rejection(), reason.toString(), rejected.get(0).accession());
    }
    return new Hl7Verdict.Accepted(String.join("; ", done));
  }
}
