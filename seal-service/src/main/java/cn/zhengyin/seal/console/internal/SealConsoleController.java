package cn.zhengyin.seal.console.internal;

import cn.zhengyin.seal.authorisation.GranteeKind;
import cn.zhengyin.seal.authorisation.SealAuthorisation;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.image.SealImage;
import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.image.SealImages;
import cn.zhengyin.seal.lifecycle.ConcurrentSealUpdateException;
import cn.zhengyin.seal.lifecycle.IllegalSealTransitionException;
import cn.zhengyin.seal.lifecycle.LibrarySealImageMaker;
import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealApplication;
import cn.zhengyin.seal.lifecycle.SealException;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.seal.lifecycle.SealTypes;
import cn.zhengyin.seal.lifecycle.SealValidationException;
import cn.zhengyin.seal.lifecycle.ValidityPeriod;
import cn.zhengyin.seal.signing.SealUsage;
import cn.zhengyin.seal.signing.SealUsageLog;
import cn.zhengyin.trust.ChinaTime;
import cn.zhengyin.trust.pki.PkiException;
import cn.zhengyin.trust.pki.RevocationReason;
import cn.zhengyin.trust.seal.SealType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages and actions. Every change calls the same service as the REST API ({@link SealLifecycleService},
 * {@link SealAuthorisationService}) with the signed-in person as the actor; refusals (illegal transition, four-eyes
 * rule, invalid input) come back to the seal's page as a message (post/redirect/get).
 */
@Controller
class SealConsoleController {
    /** Times are shown in China Standard Time. */
    static final ZoneId ZONE = ChinaTime.ZONE;

    private static final int USAGE_LIMIT = 100;
    private static final int IMAGE_DPI = 200;

    private final SealLifecycleService seals;
    private final SealAuthorisationService authorisations;
    private final SealUsageLog usages;
    private final SealImages library;
    private final SealImageMaker images;
    private final SealImageRenderer renderer;
    private final Clock clock;
    private final ConsoleProperties properties;
    private final Map<String, byte[]> rendered = new ConcurrentHashMap<>();

    SealConsoleController(
            SealLifecycleService seals,
            SealAuthorisationService authorisations,
            SealUsageLog usages,
            SealImages library,
            SealImageMaker images,
            SealImageRenderer renderer,
            Clock clock,
            ConsoleProperties properties) {
        this.properties = properties;
        this.seals = seals;
        this.authorisations = authorisations;
        this.usages = usages;
        this.library = library;
        this.images = images;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** One row of the seal list. */
    public record SealRow(
            String id,
            String name,
            String organisation,
            String type,
            SealState state,
            String applicant,
            Instant validUntil) {}

    /** Formatting helpers for the templates ({@code fmt}). */
    public static final class Format {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

        public String time(Instant at) {
            return at == null ? "" : TIME.format(at.atZone(ZONE));
        }

        public String date(Instant at) {
            return at == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(at.atZone(ZONE));
        }

        /** The last day of a period that ends (exclusively) at {@code end}. */
        public String lastDay(Instant end) {
            return end == null ? "" : date(end.minusMillis(1));
        }

        public String time(Optional<Instant> at) {
            return at.map(this::time).orElse("");
        }
    }

    private static final Format FORMAT = new Format();

    @GetMapping("/console")
    String home() {
        return "redirect:/console/seals";
    }

    @GetMapping("/console/seals")
    String list(Authentication authentication, @RequestParam Optional<String> state, Model model) {
        Instant now = clock.instant();
        Optional<SealState> wanted = state.filter(s -> !s.isBlank()).flatMap(SealConsoleController::stateOf);
        ConsoleUser user = ConsoleUser.of(authentication);
        List<SealRow> rows = seals.search(Optional.empty(), Optional.empty(), wanted).stream()
                .filter(user::sees)
                .sorted(Comparator.comparing((Seal s) -> s.events().getLast().at())
                        .reversed())
                .map(s -> new SealRow(
                        s.id(),
                        s.name(),
                        s.organisation().name(),
                        typeName(s),
                        s.stateAt(now),
                        s.applicant(),
                        s.validity().notAfter()))
                .toList();
        common(authentication, model);
        model.addAttribute("rows", rows);
        model.addAttribute("states", SealState.values());
        model.addAttribute("selectedState", wanted.map(Enum::name).orElse(""));
        return "console/seals";
    }

    @GetMapping("/console/seals/new")
    String applyForm(Authentication authentication, Model model) {
        common(authentication, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ApplyForm.empty(LocalDate.now(clock.withZone(ZONE))));
        }
        model.addAttribute("types", SealType.values());
        return "console/apply";
    }

    /** The apply form's fields, kept to refill the form when the domain refuses them. */
    public record ApplyForm(
            String organisationName,
            String organisationUscc,
            String type,
            String kindName,
            String name,
            String validUntil,
            String reason) {
        static ApplyForm empty(LocalDate today) {
            return new ApplyForm("", "", "04", "", "", today.plusYears(3).toString(), "");
        }
    }

    @PostMapping("/console/seals")
    String apply(Authentication authentication, ApplyForm form, RedirectAttributes redirect, Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        try {
            Instant until;
            try {
                until = LocalDate.parse(Optional.ofNullable(form.validUntil())
                                .orElse("")
                                .strip())
                        .plusDays(1)
                        .atStartOfDay(ZONE)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new SealValidationException(
                        "validUntil", "the end of validity '" + form.validUntil() + "' is not a date like 2029-12-31");
            }
            SealApplication application = new SealApplication(
                    new Organisation(form.organisationName(), form.organisationUscc()),
                    SealTypes.ofCode(form.type()),
                    form.kindName(),
                    form.name(),
                    new ValidityPeriod(clock.instant(), until));
            Seal seal = seals.apply(application, user.actor(), form.reason());
            redirect.addFlashAttribute("notice", "notice.applied");
            return "redirect:/console/seals/" + seal.id();
        } catch (SealException e) {
            Optional<FieldError> onField =
                    e instanceof SealValidationException v ? FieldError.of("apply", v, APPLY_FIELDS) : Optional.empty();
            if (onField.isPresent()) {
                model.addAttribute("fieldError", onField.get());
            } else {
                model.addAttribute("error", ConsoleError.of(e));
            }
            model.addAttribute("form", form);
            return applyForm(authentication, model);
        }
    }

    @GetMapping("/console/seals/{id}")
    String seal(Authentication authentication, @PathVariable String id, Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        Seal seal = visible(user, id);
        Instant now = clock.instant();
        common(authentication, model);
        model.addAttribute("seal", seal);
        model.addAttribute("state", seal.stateAt(now));
        model.addAttribute("typeName", typeName(seal));
        model.addAttribute("events", seal.events().reversed());
        model.addAttribute("actions", ConsoleAction.available(user, seal, now));
        model.addAttribute(
                "ownApplication",
                ConsoleAction.ownApplication(user, seal)
                        && seal.stateAt(now) == SealState.APPLIED
                        && user.has(ConsoleRole.APPROVER));
        model.addAttribute(
                "revocationReasons",
                Arrays.stream(RevocationReason.values())
                        .filter(r -> r != RevocationReason.CERTIFICATE_HOLD && r != RevocationReason.REMOVE_FROM_CRL)
                        .map(RevocationReason::rfcName)
                        .toList());
        List<SealImage> organisationImages =
                library.list(Optional.of(seal.organisation().uscc()));
        model.addAttribute("libraryImages", organisationImages);
        model.addAttribute("authorisations", authorisations.forSeal(id));
        model.addAttribute(
                "canAuthorise",
                user.has(ConsoleRole.ADMINISTRATOR)
                        && Set.of(
                                        SealState.APPLIED,
                                        SealState.APPROVED,
                                        SealState.MADE,
                                        SealState.ISSUED,
                                        SealState.SUSPENDED)
                                .contains(seal.stateAt(now)));
        model.addAttribute("canWithdraw", user.has(ConsoleRole.ADMINISTRATOR));
        List<SealUsage> used = usages.bySeal(id, USAGE_LIMIT);
        model.addAttribute("usages", used);
        return "console/seal";
    }

    @PostMapping("/console/seals/{id}/transitions")
    String transition(
            Authentication authentication,
            @PathVariable String id,
            @RequestParam String action,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "unspecified") String revocationReason,
            @RequestParam(defaultValue = "") String imageId,
            @RequestParam(defaultValue = "") String confirmed,
            RedirectAttributes redirect,
            Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        String actor = user.actor();
        Seal seal = visible(user, id);
        ConsoleAction chosen = null;
        try {
            chosen = ConsoleAction.ofValue(action)
                    .orElseThrow(
                            () -> new SealValidationException("action", "'" + action + "' is not a console action"));
            if (!chosen.permits(user, seal)) {
                redirect.addFlashAttribute("error", ConsoleError.notAllowed(chosen));
                return "redirect:/console/seals/" + id;
            }
            if (chosen.reasonRequired() && reason.isBlank()) {
                throw new SealValidationException("reason", "a reason is required");
            }
            if (chosen.needsConfirmation() && !"yes".equals(confirmed)) {
                // without JavaScript (no dialog) the browser lands here: a page that asks, with the form kept
                common(authentication, model);
                model.addAttribute("seal", seal);
                model.addAttribute("action", chosen);
                model.addAttribute("reason", reason);
                model.addAttribute("revocationReason", revocationReason);
                model.addAttribute("imageId", imageId);
                return "console/confirm";
            }
            switch (chosen) {
                case APPROVE -> seals.approve(id, actor, reason);
                case REJECT -> seals.reject(id, actor, reason);
                case ATTACH_IMAGE -> seals.attachImage(id, imageId, actor, reason);
                case MAKE -> seals.make(id, actor, reason);
                case ISSUE -> seals.issue(id, actor, reason);
                case SUSPEND -> seals.suspend(id, actor, reason);
                case REINSTATE -> seals.reinstate(id, actor, reason);
                case REVOKE -> seals.revoke(id, revocationReasonOf(revocationReason), actor, reason);
                case DESTROY -> seals.destroy(id, actor, reason);
            }
            redirect.addFlashAttribute("notice", "notice.done." + chosen.value());
        } catch (SealException e) {
            Optional<FieldError> onField = chosen != null && e instanceof SealValidationException v
                    ? FieldError.of(chosen.value(), v, ACTION_FIELDS)
                    : Optional.empty();
            if (onField.isPresent()) {
                redirect.addFlashAttribute("fieldError", onField.get());
                return "redirect:/console/seals/" + id + "#form-" + chosen.value();
            }
            redirect.addFlashAttribute("error", ConsoleError.of(e));
        } catch (PkiException e) {
            redirect.addFlashAttribute("error", new ConsoleError("error.certificate", e.getMessage()));
        }
        return "redirect:/console/seals/" + id;
    }

    @PostMapping("/console/seals/{id}/authorisations")
    String authorise(
            Authentication authentication,
            @PathVariable String id,
            @RequestParam(defaultValue = "CLIENT") String granteeKind,
            @RequestParam(defaultValue = "") String grantee,
            @RequestParam(defaultValue = "") String licenceTypes,
            @RequestParam(defaultValue = "") String validUntil,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        ConsoleUser user = ConsoleUser.of(authentication);
        visible(user, id);
        if (!user.has(ConsoleRole.ADMINISTRATOR)) {
            redirect.addFlashAttribute("error", new ConsoleError("error.notAllowed", ""));
            return "redirect:/console/seals/" + id;
        }
        try {
            GranteeKind kind = Arrays.stream(GranteeKind.values())
                    .filter(k -> k.name().equals(granteeKind))
                    .findFirst()
                    .orElseThrow(
                            () -> new SealValidationException("granteeKind", "granteeKind must be CLIENT or PERSON"));
            if (grantee.isBlank()) {
                throw new SealValidationException(
                        "grantee", "the grantee is required: an OAuth2 client id or a person");
            }
            Optional<Instant> until;
            try {
                until = validUntil.isBlank()
                        ? Optional.empty()
                        : Optional.of(LocalDate.parse(validUntil.strip())
                                .plusDays(1)
                                .atStartOfDay(ZONE)
                                .toInstant());
            } catch (DateTimeParseException e) {
                throw new SealValidationException("validUntil", "'" + validUntil + "' is not a date like 2029-12-31");
            }
            Set<String> types = Arrays.stream(licenceTypes.split("[,，\\s]+"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toSet());
            authorisations.grant(id, kind, grantee.strip(), types, Optional.empty(), until, user.actor(), reason);
            redirect.addFlashAttribute("notice", "notice.authorised");
        } catch (SealException e) {
            Optional<FieldError> onField =
                    e instanceof SealValidationException v ? FieldError.of("grant", v, GRANT_FIELDS) : Optional.empty();
            if (onField.isPresent()) {
                redirect.addFlashAttribute("fieldError", onField.get());
            } else {
                redirect.addFlashAttribute("error", ConsoleError.of(e));
            }
        }
        return "redirect:/console/seals/" + id + "#authorisations";
    }

    @PostMapping("/console/seals/{id}/authorisations/{authorisationId}/withdraw")
    String withdraw(
            Authentication authentication,
            @PathVariable String id,
            @PathVariable String authorisationId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String confirmed,
            RedirectAttributes redirect,
            Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        Seal seal = visible(user, id);
        if (!user.has(ConsoleRole.ADMINISTRATOR)) {
            redirect.addFlashAttribute("error", new ConsoleError("error.notAllowed", ""));
            return "redirect:/console/seals/" + id;
        }
        if (!"yes".equals(confirmed)) {
            common(authentication, model);
            model.addAttribute("seal", seal);
            model.addAttribute("withdrawing", authorisationId);
            model.addAttribute("reason", reason);
            return "console/confirm";
        }
        Optional<SealAuthorisation> withdrawn = authorisations.revoke(id, authorisationId, user.actor(), reason);
        if (withdrawn.isPresent()) {
            redirect.addFlashAttribute("notice", "notice.withdrawn");
        } else {
            redirect.addFlashAttribute("error", new ConsoleError("error.noAuthorisation", authorisationId));
        }
        return "redirect:/console/seals/" + id + "#authorisations";
    }

    /** The seal's impression: its chosen library image, else its standard design drawn now. */
    @GetMapping(value = "/console/seals/{id}/image.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> sealImage(Authentication authentication, @PathVariable String id) {
        Seal seal = visible(ConsoleUser.of(authentication), id);
        byte[] png = seal.imageId()
                .flatMap(images::png)
                .orElseGet(() -> rendered.computeIfAbsent(
                        id, k -> renderer.renderPng(LibrarySealImageMaker.design(seal), IMAGE_DPI)));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.IMAGE_PNG)
                .body(png);
    }

    /** An image of the seal image library, as PNG. */
    @GetMapping(value = "/console/images/{id}", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> libraryImage(@PathVariable String id) {
        return images.png(id)
                .map(png -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noCache())
                        .contentType(MediaType.IMAGE_PNG)
                        .body(png))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler(SealNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(SealNotFoundException e, Authentication authentication, Model model) {
        common(authentication, model);
        model.addAttribute("error", ConsoleError.of(e));
        return "console/error";
    }

    private void common(Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("fmt", FORMAT);
        model.addAttribute("names", properties);
    }

    /**
     * The seal, if {@code user} may see it: another organisation's seal is "not found" to them, as if it did not
     * exist (its id reveals nothing), unless they are province-wide.
     */
    private Seal visible(ConsoleUser user, String id) {
        Seal seal = seals.find(id);
        if (!user.sees(seal)) {
            throw new SealNotFoundException(id);
        }
        return seal;
    }

    /** The apply form's inputs by the domain's field names. */
    private static final Map<String, String> APPLY_FIELDS = Map.of(
            "organisation.name", "organisationName",
            "organisation.uscc", "organisationUscc",
            "type", "type",
            "kindName", "kindName",
            "name", "name",
            "validUntil", "validUntil",
            "reason", "reason");

    private static final Map<String, String> ACTION_FIELDS =
            Map.of("reason", "reason", "revocationReason", "revocationReason", "imageId", "imageId");

    private static final Map<String, String> GRANT_FIELDS = Map.of(
            "grantee", "grantee",
            "granteeKind", "granteeKind",
            "validUntil", "validUntil",
            "licenceTypes", "licenceTypes",
            "reason", "reason");

    /**
     * A refusal of one input, shown next to it in the page's language.
     *
     * @param form    which form: {@code apply}, {@code grant} or an action's value ({@code revoke}, …)
     * @param field   the input's name in that form
     * @param key     the message key of the explanation ({@code field.<input>}, or {@code field.characters})
     * @param detail  the domain's own words, for the record
     */
    public record FieldError(String form, String field, String key, String detail) implements java.io.Serializable {
        static Optional<FieldError> of(String form, SealValidationException e, Map<String, String> inputs) {
            return Optional.ofNullable(inputs.get(e.field()))
                    .map(input -> new FieldError(
                            form,
                            input,
                            String.valueOf(e.getMessage()).startsWith("character ")
                                    ? "field.characters"
                                    : "field." + input,
                            String.valueOf(e.getMessage())));
        }

        /** For the templates: whether this error belongs to {@code input} of {@code formName}. */
        public boolean on(String formName, String input) {
            return form.equals(formName) && field.equals(input);
        }
    }

    private static String typeName(Seal seal) {
        return seal.kindName().isEmpty() ? seal.type().label() : seal.kindName();
    }

    private static Optional<SealState> stateOf(String text) {
        try {
            return Optional.of(SealState.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RevocationReason revocationReasonOf(String text) {
        try {
            return RevocationReason.parse(text);
        } catch (PkiException e) {
            throw new SealValidationException("revocationReason", e.getMessage());
        }
    }

    /**
     * A refusal shown on the page: a translated heading ({@code key}) and the domain's own explanation.
     *
     * @param key    message key of the heading
     * @param detail the domain's message (it names the state, the rule and the fix)
     */
    public record ConsoleError(String key, String detail) implements java.io.Serializable {
        static ConsoleError of(SealException e) {
            return switch (e) {
                case IllegalSealTransitionException t ->
                    new ConsoleError(t.fourEyes() ? "error.fourEyes" : "error.illegalTransition", t.getMessage());
                case SealValidationException v -> new ConsoleError("error.invalid", v.getMessage());
                case SealNotFoundException n -> new ConsoleError("error.notFound", n.getMessage());
                case ConcurrentSealUpdateException c -> new ConsoleError("error.concurrent", c.getMessage());
            };
        }

        static ConsoleError notAllowed(ConsoleAction action) {
            return new ConsoleError(
                    "error.notAllowed",
                    "the action '" + action.value() + "' needs the role "
                            + action.role().name() + " (" + action.role().scope() + ")");
        }
    }
}
