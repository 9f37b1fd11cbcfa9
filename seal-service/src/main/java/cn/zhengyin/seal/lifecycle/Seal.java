package cn.zhengyin.seal.lifecycle;

import static cn.zhengyin.seal.lifecycle.SealState.APPLIED;
import static cn.zhengyin.seal.lifecycle.SealState.APPROVED;
import static cn.zhengyin.seal.lifecycle.SealState.DESTROYED;
import static cn.zhengyin.seal.lifecycle.SealState.EXPIRED;
import static cn.zhengyin.seal.lifecycle.SealState.ISSUED;
import static cn.zhengyin.seal.lifecycle.SealState.MADE;
import static cn.zhengyin.seal.lifecycle.SealState.REJECTED;
import static cn.zhengyin.seal.lifecycle.SealState.REVOKED;
import static cn.zhengyin.seal.lifecycle.SealState.SUSPENDED;

import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.font.PrintableText;
import cn.zhengyin.trust.pki.RevocationReason;
import cn.zhengyin.trust.seal.SealType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The seal aggregate. Immutable: each transition method checks the rule and returns the seal after it with the event
 * that records it; illegal transitions throw {@link IllegalSealTransitionException}.
 *
 * @param kindName        the seal's kind, e.g. 合同专用章; required for type 99 (e.g. 业务专用章, 电子证照专用章)
 * @param state           the stored state (never {@link SealState#EXPIRED}; see {@link #stateAt(Instant)})
 * @param applicant       who applied (the approver must be someone else)
 * @param revision        optimistic concurrency counter, incremented by every stored change
 * @param certificates    the certificates made for the seal (ECDSA, SM2), stored before the state becomes MADE
 * @param imageId         the seal image in the image library
 * @param seseal          the GB/T 38540 SESeal (DER), when it has been made
 * @param sesealPending   true while the SESeal could not be made yet
 * @param revocation      the certificates' revocation status (hold or revoked), if any
 */
public record Seal(
        String id,
        Organisation organisation,
        SealType type,
        String kindName,
        String name,
        ValidityPeriod validity,
        SealState state,
        String applicant,
        long revision,
        List<SealEvent> events,
        List<SealCertificate> certificates,
        Optional<String> imageId,
        Optional<byte[]> seseal,
        boolean sesealPending,
        Optional<CertificateRevocation> revocation) {

    public Seal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(applicant, "applicant");
        if (state == EXPIRED) {
            throw new IllegalArgumentException("EXPIRED is computed from the validity, never stored");
        }
        kindName = kindName == null ? "" : kindName.strip();
        if (type == SealType.OTHER && kindName.isEmpty()) {
            throw new SealValidationException(
                    "kindName", "a seal of type 99 (其他) needs a kind name such as" + " 业务专用章 or 电子证照专用章");
        }
        if (name == null || name.isBlank()) {
            throw new SealValidationException(
                    "name",
                    "the seal's name is required, e.g. " + organisation.name()
                            + (kindName.isEmpty() ? type.label() : kindName));
        }
        name = name.strip();
        events = List.copyOf(events);
        certificates = List.copyOf(certificates);
    }

    /** A new application (申请). */
    public static SealTransition apply(
            String id,
            Organisation organisation,
            SealType type,
            String kindName,
            String name,
            ValidityPeriod validity,
            String applicant,
            String reason,
            Instant at) {
        if (validity.hasEndedAt(at)) {
            throw new SealValidationException(
                    "validUntil", "the validity ends at " + validity.notAfter() + ", which is not in the future");
        }
        requireActor(applicant);
        requirePrintable("name", name);
        requirePrintable("kindName", kindName);
        SealEvent event = new SealEvent(SealEventType.APPLIED, null, APPLIED, applicant, reason, at);
        return new SealTransition(
                new Seal(
                        id,
                        organisation,
                        type,
                        kindName,
                        name,
                        validity,
                        APPLIED,
                        applicant,
                        0,
                        List.of(event),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        Optional.empty()),
                event);
    }

    /**
     * A seal's names go onto its impression, its SESeal and every document it signs: one line of GB 18030-2022 text that
     * the seal fonts have, without control, bidirectional or zero-width characters.
     */
    static void requirePrintable(String field, String value) {
        if (value != null) {
            PrintableText.check(value, PrintableText.Lines.ONE).ifPresent(u -> {
                throw new SealValidationException(field, "character " + (u.index() + 1) + ", " + u.message());
            });
        }
    }

    /** A seal made elsewhere and taken over as ISSUED (the config-declared dev seal). */
    public static SealTransition importPreMade(
            String id,
            Organisation organisation,
            SealType type,
            String kindName,
            String name,
            ValidityPeriod validity,
            List<SealCertificate> certificates,
            String actor,
            String reason,
            Instant at) {
        SealEvent event = new SealEvent(SealEventType.IMPORTED, null, ISSUED, actor, reason, at);
        return new SealTransition(
                new Seal(
                        id,
                        organisation,
                        type,
                        kindName,
                        name,
                        validity,
                        ISSUED,
                        actor,
                        0,
                        List.of(event),
                        certificates,
                        Optional.empty(),
                        Optional.empty(),
                        true,
                        Optional.empty()),
                event);
    }

    /**
     * A pre-made (imported) seal completed with what configuration provisions for it: further certificates (replacing
     * any of the same algorithm, e.g. the SM2 one for GB/T 38540), its image and its SESeal. Only for imported seals;
     * the state and events do not change.
     *
     * @param sesealDer the SESeal, or empty while it cannot be made (recorded as pending)
     */
    public Seal withPreMadeArtefacts(List<SealCertificate> added, String newImageId, Optional<byte[]> sesealDer) {
        if (events.isEmpty() || events.getFirst().type() != SealEventType.IMPORTED) {
            throw new IllegalStateException("seal " + id + " was not imported from configuration; its certificates,"
                    + " image and SESeal come from making it");
        }
        List<SealCertificate> next = new ArrayList<>(certificates);
        for (SealCertificate certificate : added) {
            next.removeIf(c -> c.algorithm() == certificate.algorithm());
            next.add(certificate);
        }
        return new Seal(
                id,
                organisation,
                type,
                kindName,
                name,
                validity,
                state,
                applicant,
                revision,
                events,
                next,
                Optional.of(newImageId),
                sesealDer,
                sesealDer.isEmpty(),
                revocation);
    }

    /** The state at {@code at}: the stored state, or EXPIRED for a made, issued or suspended seal past its validity. */
    public SealState stateAt(Instant at) {
        if ((state == MADE || state == ISSUED || state == SUSPENDED) && validity.hasEndedAt(at)) {
            return EXPIRED;
        }
        return state;
    }

    /** The kind name of the seals that seal electronic licences (电子证照专用章). */
    public static final String LICENCE_SEAL_KIND = "电子证照专用章";

    /**
     * Whether this is a licence seal (kind {@value #LICENCE_SEAL_KIND}): every signature it makes must name the licence
     * (GB/T 36904 identifier) it seals, and the licence must be issued by the seal's organisation. Other seals (e.g. a
     * 合同专用章 of an approval system) may sign without a licence identifier.
     */
    public boolean sealsLicences() {
        return LICENCE_SEAL_KIND.equals(kindName);
    }

    public Optional<SealCertificate> certificate(SignatureAlgorithm algorithm) {
        return certificates.stream().filter(c -> c.algorithm() == algorithm).findFirst();
    }

    /** Approval (审批) by someone other than the applicant. */
    public SealTransition approve(String actor, String reason, Instant at) {
        require("approved", at, APPLIED);
        requireActor(actor);
        if (actor.equals(applicant)) {
            throw new IllegalSealTransitionException(
                    "seal " + id + " was applied for by '" + applicant
                            + "', who may not approve it too (four-eyes rule); another approver must approve it",
                    true);
        }
        return to(APPROVED, SealEventType.APPROVED, actor, reason, at, revocation);
    }

    public SealTransition reject(String actor, String reason, Instant at) {
        require("rejected", at, APPLIED);
        requireReason(reason, "rejecting");
        return to(REJECTED, SealEventType.REJECTED, actor, reason, at, revocation);
    }

    /** Checks that the seal can be made now, before any key is generated. */
    public void requireMakeable(Instant at) {
        require("made", at, APPROVED);
    }

    /** The seal with a certificate added while it is being made (stored before the state changes). */
    public Seal withCertificate(SealCertificate certificate) {
        require("given certificates", null, APPROVED);
        List<SealCertificate> next = new ArrayList<>(certificates);
        next.removeIf(c -> c.algorithm() == certificate.algorithm());
        next.add(certificate);
        return new Seal(
                id,
                organisation,
                type,
                kindName,
                name,
                validity,
                state,
                applicant,
                revision,
                events,
                next,
                imageId,
                seseal,
                sesealPending,
                revocation);
    }

    /** The seal with its image chosen while it is being made. */
    public Seal withImage(String newImageId) {
        require("given an image", null, APPROVED);
        return new Seal(
                id,
                organisation,
                type,
                kindName,
                name,
                validity,
                state,
                applicant,
                revision,
                events,
                certificates,
                Optional.of(newImageId),
                seseal,
                sesealPending,
                revocation);
    }

    /**
     * Making (制作) completes: both certificates and the image are in place; the SESeal is there or pending.
     *
     * @param sesealDer the GB/T 38540 SESeal, or empty while it cannot be made (recorded as pending)
     */
    public SealTransition made(Optional<byte[]> sesealDer, String actor, String reason, Instant at) {
        requireMakeable(at);
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            if (certificate(algorithm).isEmpty()) {
                throw new IllegalStateException("seal " + id + " has no " + algorithm + " certificate yet");
            }
        }
        if (imageId.isEmpty()) {
            throw new IllegalStateException("seal " + id + " has no image yet");
        }
        SealEvent event = new SealEvent(SealEventType.MADE, state, MADE, actor, reason, at);
        return new SealTransition(
                new Seal(
                        id,
                        organisation,
                        type,
                        kindName,
                        name,
                        validity,
                        MADE,
                        applicant,
                        revision,
                        append(event),
                        certificates,
                        imageId,
                        sesealDer,
                        sesealDer.isEmpty(),
                        revocation),
                event);
    }

    /** Issue (交付/启用): the seal becomes active for signing. */
    public SealTransition issue(String actor, String reason, Instant at) {
        require("issued", at, MADE);
        return to(ISSUED, SealEventType.ISSUED, actor, reason, at, revocation);
    }

    /** Report lost (挂失): certificates go on hold. */
    public SealTransition suspend(String actor, String reason, Instant at) {
        require("suspended", at, ISSUED);
        requireReason(reason, "suspending");
        return to(
                SUSPENDED,
                SealEventType.SUSPENDED,
                actor,
                reason,
                at,
                Optional.of(new CertificateRevocation(at, RevocationReason.CERTIFICATE_HOLD)));
    }

    /** Reinstate (解挂): the hold is lifted. */
    public SealTransition reinstate(String actor, String reason, Instant at) {
        require("reinstated", at, SUSPENDED);
        return to(ISSUED, SealEventType.REINSTATED, actor, reason, at, Optional.empty());
    }

    /** Revoke (注销): certificates are revoked for {@code crlReason}. */
    public SealTransition revoke(RevocationReason crlReason, String actor, String reason, Instant at) {
        require("revoked", at, MADE, ISSUED, SUSPENDED, EXPIRED);
        requireReason(reason, "revoking");
        if (crlReason == RevocationReason.CERTIFICATE_HOLD || crlReason == RevocationReason.REMOVE_FROM_CRL) {
            throw new SealValidationException(
                    "revocationReason",
                    "'" + crlReason.rfcName() + "' is not a revocation"
                            + " reason; suspend the seal to put it on hold, or give e.g. keyCompromise or cessationOfOperation");
        }
        return to(
                REVOKED,
                SealEventType.REVOKED,
                actor,
                reason,
                at,
                Optional.of(new CertificateRevocation(at, crlReason)));
    }

    /** Checks that the keys may be destroyed now, before destroying them. */
    public void requireDestroyable(Instant at) {
        require("destroyed", at, REVOKED, EXPIRED);
    }

    /** Destruction (销毁): the keys are gone; the certificates stay published. */
    public SealTransition destroy(String actor, String reason, Instant at) {
        requireDestroyable(at);
        return to(DESTROYED, SealEventType.DESTROYED, actor, reason, at, revocation);
    }

    /** This seal as stored with {@code newRevision}. */
    public Seal withRevision(long newRevision) {
        return new Seal(
                id,
                organisation,
                type,
                kindName,
                name,
                validity,
                state,
                applicant,
                newRevision,
                events,
                certificates,
                imageId,
                seseal,
                sesealPending,
                revocation);
    }

    private SealTransition to(
            SealState next,
            SealEventType eventType,
            String actor,
            String reason,
            Instant at,
            Optional<CertificateRevocation> nextRevocation) {
        requireActor(actor);
        SealEvent event = new SealEvent(eventType, state, next, actor, reason, at);
        return new SealTransition(
                new Seal(
                        id,
                        organisation,
                        type,
                        kindName,
                        name,
                        validity,
                        next,
                        applicant,
                        revision,
                        append(event),
                        certificates,
                        imageId,
                        seseal,
                        sesealPending,
                        nextRevocation),
                event);
    }

    private List<SealEvent> append(SealEvent event) {
        return Stream.concat(events.stream(), Stream.of(event)).toList();
    }

    /** @param at when, or null to check the stored state only */
    private void require(String done, Instant at, SealState... allowed) {
        SealState current = at == null ? state : stateAt(at);
        if (Arrays.asList(allowed).contains(current)) {
            return;
        }
        String allowedText = Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(" or "));
        String detail = current == EXPIRED ? " (its validity ended at " + validity.notAfter() + ")" : "";
        throw new IllegalSealTransitionException(
                "seal " + id + " is " + current + detail + "; only " + allowedText + " seals can be " + done, false);
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new SealValidationException("actor", "the actor of a seal transition is required");
        }
    }

    private static void requireReason(String reason, String doing) {
        if (reason == null || reason.isBlank()) {
            throw new SealValidationException("reason", "a reason is required when " + doing + " a seal");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seal s
                && id.equals(s.id)
                && revision == s.revision
                && state == s.state
                && events.equals(s.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, revision);
    }

    @Override
    public String toString() {
        return "Seal[" + id + " " + name + " " + state + " rev " + revision + "]";
    }
}
