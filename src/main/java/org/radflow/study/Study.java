package org.radflow.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One study: the aggregate. Immutable; every change produces a new value through {@link
 * #evolve(Change)}, so a study is exactly the fold of its history ({@link #replay}).
 *
 * @param compensationRequested whether an undo of the study's external work was asked for: from
 *     then on no new forward work starts, answered from the study itself rather than its history
 * @param version how many changes the history holds; the store's optimistic check
 */
public record Study(
    StudyId id,
    BusinessKey businessKey,
    PatientRef patient,
    EntryKind entryKind,
    ClinicalState clinical,
    ImagingState imaging,
    AdministrativeState administrative,
    DistributionState distribution,
    Map<String, String> attributes,
    List<Fact> facts,
    List<HeldTransition> held,
    List<OpenException> exceptions,
    List<PatientRef> mergedFrom,
    boolean compensationRequested,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Study {
    Require.present(id, "id");
    Require.present(businessKey, "businessKey");
    Require.present(patient, "patient");
    Require.present(entryKind, "entryKind");
    Require.present(clinical, "clinical");
    Require.present(imaging, "imaging");
    Require.present(administrative, "administrative");
    Require.present(distribution, "distribution");
    attributes = Map.copyOf(attributes);
    facts = List.copyOf(facts);
    held = List.copyOf(held);
    exceptions = List.copyOf(exceptions);
    mergedFrom = List.copyOf(mergedFrom);
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    Require.present(createdAt, "createdAt");
    Require.present(updatedAt, "updatedAt");
  }

  /** The study as its creation leaves it, with the facts a late join attests. */
  static Study open(NewStudy command) {
    Attestation orderFact =
        command.entryKind().isLateJoin() ? Attestation.ATTESTED : Attestation.OBSERVED;
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact(ClinicalState.ORDER_RECEIVED, orderFact, command.businessTime()));
    for (ImagingState step : attestedPath(command.joinedAt())) {
      facts.add(new Fact(step, Attestation.ATTESTED, command.businessTime()));
    }
    DistributionState distribution =
        command.joinedAt().isReported()
            ? DistributionState.PENDING
            : DistributionState.NOT_REQUESTED;
    return new Study(
        command.id(),
        command.businessKey(),
        command.patient(),
        command.entryKind(),
        ClinicalState.ORDER_RECEIVED,
        command.joinedAt(),
        AdministrativeState.NOT_STARTED,
        distribution,
        NationalAttributes.created(command),
        facts,
        List.of(),
        List.of(),
        List.of(),
        false,
        1,
        command.recordTime(),
        command.recordTime());
  }

  /** The imaging states a join at {@code joinedAt} implies already happened. */
  private static List<ImagingState> attestedPath(ImagingState joinedAt) {
    List<ImagingState> path =
        List.of(
            ImagingState.ACQUISITION_IN_PROGRESS,
            ImagingState.ACQUISITION_COMPLETE,
            ImagingState.IMAGES_COMMITTED);
    List<ImagingState> attested = new ArrayList<>();
    for (ImagingState step : path) {
      if (step.ordinal() <= joinedAt.ordinal()) {
        attested.add(step);
      }
    }
    if (joinedAt.ordinal() > ImagingState.IMAGES_COMMITTED.ordinal()) {
      attested.add(joinedAt);
    }
    return attested;
  }

  /** Rebuilds a study from its complete history, oldest first. */
  public static Study replay(List<Change> history) {
    if (history.isEmpty() || !(history.get(0) instanceof Change.Created created)) {
      throw new IllegalArgumentException("a history starts with the study's creation");
    }
    Study study = open(created.study());
    for (Change change : history.subList(1, history.size())) {
      study = study.evolve(change);
    }
    return study;
  }

  /** The study after one more change. The change must come from {@link StudyRules}. */
  public Study evolve(Change change) {
    Study next;
    if (change instanceof Change.Applied a) {
      Transition t = a.transition();
      Map<String, String> national =
          NationalAttributes.after(
              attributes, t, version + 1, hasObserved(ClinicalState.IDENTITY_VALIDATED));
      next = applied(t).withoutHeld(t).with(d -> d.attributes = national);
    } else if (change instanceof Change.Observed o) {
      next = withoutHeld(o.transition()); // the history entry is the record; no track moves
    } else if (change instanceof Change.Held h) {
      next = withHeld(h.held());
    } else if (change instanceof Change.HoldRefused r) {
      next =
          withoutHeld(r.transition())
              .withException(
                  new OpenException(
                      version + 1,
                      OpenException.Kind.EARLY_EVENT_REFUSED,
                      r.reason(),
                      r.at(),
                      null));
    } else if (change instanceof Change.HoldExpired e) {
      next =
          withoutHeld(e.transition())
              .withException(
                  new OpenException(
                      version + 1,
                      OpenException.Kind.EARLY_EVENT_EXPIRED,
                      e.transition().type()
                          + " ("
                          + e.transition().idempotencyKey()
                          + ") waited for "
                          + e.awaited()
                          + " until its deadline and it never came",
                      e.at(),
                      null));
    } else {
      throw new IllegalArgumentException("a study is created once, not evolved into: " + change);
    }
    return next.touched(change.at());
  }

  private Study applied(Transition t) {
    switch (t.type()) {
      case STEP_COMPLETED, ORDER_CHANGED -> {
        return this; // the history entry is the record; the orchestration acts on it
      }
      case COMPENSATION_REQUESTED -> {
        return with(d -> d.compensationRequested = true);
      }
      case EXCEPTION_RAISED -> {
        return withException(
            new OpenException(
                version + 1,
                OpenException.Kind.valueOf(t.data().get("kind")),
                t.data().get("reason"),
                t.recordTime(),
                t.data().get("step")));
      }
      case IDENTITY_REVALIDATED, IDENTITY_REVALIDATION_REQUESTED, IDENTITY_INVALIDATED -> {
        return this; // they change what the study knows of the IHI: its attributes
      }
      case EXCEPTION_RESOLVED -> {
        long resolved = Long.parseLong(t.data().get("exception"));
        return with(
            d -> d.exceptions = exceptions.stream().filter(e -> e.id() != resolved).toList());
      }
      default -> {}
    }
    if (t.type() == TransitionType.PATIENT_MERGED) {
      PatientRef surviving =
          new PatientRef(t.data().get("survivingAuthority"), t.data().get("survivingId"));
      return with(
          d -> {
            d.mergedFrom = appended(mergedFrom, patient);
            d.patient = surviving;
          });
    }
    return with(
        d -> {
          d.enter(t.type().to());
          if (t.type() == TransitionType.STUDY_CANCELLED) {
            d.enter(ImagingState.CANCELLED);
          }
          if ((t.type() == TransitionType.REPORT_FINALISED
                  || t.type() == TransitionType.REPORT_AMENDED)
              && d.distribution == DistributionState.NOT_REQUESTED) {
            d.enter(DistributionState.PENDING);
          }
          d.facts =
              appended(facts, new Fact(t.type().to(), Attestation.OBSERVED, t.businessTime()));
        });
  }

  /**
   * The blob that holds the patient's latest IHI search keys, if a message carried them: the
   * encrypted request an identity check sends.
   */
  public java.util.Optional<String> identitySearch() {
    return java.util.Optional.ofNullable(attributes.get(NationalAttributes.SEARCH_KEYS));
  }

  /** The patient's national identity as the last lookup left it, if radflow has one. */
  public java.util.Optional<NationalIdentity> nationalIdentity() {
    return NationalIdentity.of(attributes);
  }

  /** The latest report version, if a report was written. */
  public java.util.Optional<ReportVersion> report() {
    return ReportVersion.of(attributes);
  }

  /** The document the national record holds for the study now, if one was published. */
  public java.util.Optional<String> publishedDocument() {
    return java.util.Optional.ofNullable(attributes.get(ReportVersion.DOCUMENT));
  }

  /**
   * Whether the national record's document was removed because it was filed under the wrong
   * patient, so the report is owed again.
   */
  public boolean documentRemovedForIdentity() {
    return "INCORRECT_IDENTITY".equals(attributes.get(ReportVersion.REMOVED_FOR));
  }

  /**
   * Whether the national record holds the study's document under another person's IHI than the one
   * the study holds now: a merge moved the study, and its revalidation answered another IHI.
   */
  public boolean documentFiledUnderAnotherIhi() {
    String filedUnder = attributes.get(ReportVersion.DOCUMENT_IHI);
    String now = attributes.get(NationalIdentity.IHI);
    return publishedDocument().isPresent()
        && filedUnder != null
        && now != null
        && !filedUnder.equals(now);
  }

  /**
   * Whether the national record's document holds an earlier version of the report than the study's
   * latest: an amendment came before the publication completed. Without the version the record
   * accepted (a publication reported through the API), an amended report says so.
   */
  public boolean documentBehindReport() {
    String held = attributes.get(ReportVersion.DOCUMENT_VERSION);
    if (held == null) {
      return imaging == ImagingState.REPORT_AMENDED;
    }
    return report().map(r -> Integer.parseInt(held) < r.number()).orElse(false);
  }

  /** An IHI a message named that differs from the one radflow validated, if one did. */
  public java.util.Optional<String> statedIhi() {
    return java.util.Optional.ofNullable(attributes.get(NationalIdentity.STATED));
  }

  /** Why the report is not sent to the national record, if it is withheld. */
  public java.util.Optional<String> publicationWithheld() {
    return java.util.Optional.ofNullable(attributes.get(NationalAttributes.WITHHELD_BECAUSE));
  }

  public boolean isCancelled() {
    return clinical == ClinicalState.CANCELLED;
  }

  /** The current state of one track. */
  public TrackState state(Track track) {
    return switch (track) {
      case CLINICAL -> clinical;
      case IMAGING -> imaging;
      case ADMINISTRATIVE -> administrative;
      case DISTRIBUTION -> distribution;
    };
  }

  /** Whether radflow itself saw the track reach {@code state} (not merely attested). */
  public boolean hasObserved(TrackState state) {
    return facts.stream().anyMatch(f -> f.state() == state && f.isObserved());
  }

  /** The derived end-to-end status. */
  public EndToEndStatus status() {
    return EndToEndStatus.of(this);
  }

  /** The obligations this study has not met yet. */
  public List<Obligation> openObligations() {
    return java.util.Arrays.stream(Obligation.values()).filter(o -> !o.isMetBy(this)).toList();
  }

  /** Reasons a person must look at this study, from exception states and open exceptions. */
  public List<String> exceptionReasons() {
    List<String> reasons = new ArrayList<>();
    if (clinical.isException()) {
      reasons.add("identity could not be validated");
    }
    if (imaging.isException()) {
      reasons.add("images were not committed to the archive in time");
    }
    if (administrative.isException()) {
      reasons.add("the claim was rejected");
    }
    exceptions.forEach(e -> reasons.add(e.reason()));
    return reasons;
  }

  private Study withHeld(HeldTransition h) {
    return with(d -> d.held = appended(held, h));
  }

  private Study withoutHeld(Transition t) {
    return with(
        d ->
            d.held =
                held.stream()
                    .filter(h -> !h.transition().idempotencyKey().equals(t.idempotencyKey()))
                    .toList());
  }

  /** The open exception with this id, if any. */
  public java.util.Optional<OpenException> exception(long id) {
    return exceptions.stream().filter(e -> e.id() == id).findFirst();
  }

  private Study withException(OpenException e) {
    return with(d -> d.exceptions = appended(exceptions, e));
  }

  private Study touched(Instant at) {
    return with(
        d -> {
          d.version = version + 1;
          d.updatedAt = at.isAfter(updatedAt) ? at : updatedAt;
        });
  }

  private static <T> List<T> appended(List<T> list, T item) {
    List<T> more = new ArrayList<>(list);
    more.add(item);
    return more;
  }

  /** This study with some fields changed: the one place a changed study is assembled. */
  private Study with(java.util.function.Consumer<StudyEdit> change) {
    StudyEdit edit = new StudyEdit(this);
    change.accept(edit);
    return edit.build();
  }
}
