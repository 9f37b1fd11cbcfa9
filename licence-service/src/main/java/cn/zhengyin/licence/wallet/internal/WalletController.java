package cn.zhengyin.licence.wallet.internal;

import cn.zhengyin.licence.holder.CurrentHolder;
import cn.zhengyin.licence.holder.Holder;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.pages.Views;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.share.Share;
import cn.zhengyin.licence.share.ShareRefusedException;
import cn.zhengyin.licence.share.ShareService;
import cn.zhengyin.licence.wallet.LicenceConsents;
import cn.zhengyin.licence.wallet.LicenceUsageRecords;
import cn.zhengyin.service.problem.BrowserErrorPages;
import cn.zhengyin.service.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The wallet pages of the signed-in holder. Every page and file checks that the licence's holder code is the holder's
 * own or a represented company's; anything else is 404, the same as an identifier that does not exist. A form with a
 * mistake is shown again, as typed, with the message next to the field (400, or 409 for a licence not in force) when
 * a browser posted it; a program gets problem+json ({@link BrowserErrorPages#wantsPage}).
 */
@Controller
class WalletController {
    /** The expiry choices of a share link, in the form's order. */
    static final Map<String, Duration> EXPIRIES = Map.of(
            "PT1H",
            Duration.ofHours(1),
            "P1D",
            Duration.ofDays(1),
            "P7D",
            Duration.ofDays(7),
            "P30D",
            Duration.ofDays(30));
    /** How long a consent granted from the wallet runs, in the form's order (at most the field-reuse maximum). */
    static final List<String> CONSENT_TERMS = List.of("P7D", "P30D", "P90D", "P180D");
    /** How long the share behind a 亮证 QR code lives; the page renews it well before. */
    static final Duration SHOWING_LIFETIME = Duration.ofMinutes(5);
    /** Licences on one page of the wallet. */
    static final int PAGE_SIZE = 12;

    static final List<String> SORTS = List.of("issued-desc", "issued-asc", "type", "number");
    private static final String SEEN = "zy-notifications-seen";

    private final CurrentHolder currentHolder;
    private final LicenceRegistry registry;
    private final LicenceFileStore files;
    private final LicenceTypeCatalogue types;
    private final ShareService shares;
    private final PdfPreviews previews;
    private final ObjectProvider<LicenceUsageRecords> usageRecords;
    private final ObjectProvider<LicenceConsents> consents;
    private final PublicLinks links;
    private final Clock clock;
    private final LicenceMetrics metrics;
    private final MessageSource messages;
    private final Duration showingRefresh;

    WalletController(
            CurrentHolder currentHolder,
            LicenceRegistry registry,
            LicenceFileStore files,
            LicenceTypeCatalogue types,
            ShareService shares,
            PdfPreviews previews,
            ObjectProvider<LicenceUsageRecords> usageRecords,
            ObjectProvider<LicenceConsents> consents,
            PublicLinks links,
            Clock clock,
            LicenceMetrics metrics,
            MessageSource messages,
            @Value("${zhengyin.wallet.showing-refresh:PT60S}") Duration showingRefresh) {
        this.currentHolder = currentHolder;
        this.registry = registry;
        this.files = files;
        this.types = types;
        this.shares = shares;
        this.previews = previews;
        this.usageRecords = usageRecords;
        this.consents = consents;
        this.links = links;
        this.clock = clock;
        this.metrics = metrics;
        this.messages = messages;
        this.showingRefresh = showingRefresh;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Views.CHINA));
    }

    private List<WalletViews.Card> cardsOf(Holder holder) {
        LocalDate today = today();
        return registry.findByHolderCodes(holder.holderCodes()).stream()
                .flatMap(l -> registry
                        .findVersion(l.currentIdentifier())
                        .map(v -> WalletViews.card(l, v, types.find(v.typeCode()), today))
                        .stream())
                .toList();
    }

    /** One group of the wallet's page: the holder's own licences, or one represented company's. */
    record Group(String title, String code, boolean personal, List<WalletViews.Card> cards) {}

    /** A type to filter by: slug and name. */
    record TypeOption(String slug, String name) {}

    @GetMapping("/wallet")
    String list(
            @RequestParam(value = "q", required = false) String query,
            @RequestParam(value = "type", required = false) String type,
            @RequestParam(value = "status", required = false) String status,
            @RequestParam(value = "sort", required = false) String sort,
            @RequestParam(value = "page", required = false) String pageText,
            Model model,
            HttpSession session) {
        Holder holder = currentHolder.require();
        List<WalletViews.Card> all = cardsOf(holder);
        String q = query == null ? "" : query.strip();
        String chosenType = type == null ? "" : type;
        String chosenStatus = status != null && WalletViews.statuses().contains(status) ? status : "";
        String chosenSort = sort != null && SORTS.contains(sort) ? sort : SORTS.getFirst();
        String needle = q.toLowerCase(Locale.ROOT);
        List<WalletViews.Card> found = all.stream()
                .filter(c -> chosenType.isEmpty() || c.typeSlug().equals(chosenType))
                .filter(c -> chosenStatus.isEmpty() || c.status().equals(chosenStatus))
                .filter(c -> needle.isEmpty()
                        || c.number().toLowerCase(Locale.ROOT).contains(needle)
                        || c.typeName().toLowerCase(Locale.ROOT).contains(needle)
                        || c.holderName().toLowerCase(Locale.ROOT).contains(needle)
                        || c.rawHolderCode().toLowerCase(Locale.ROOT).equals(needle))
                .sorted(order(chosenSort))
                .toList();
        int pages = Math.max(1, (found.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = 1;
        try {
            page = pageText == null ? 1 : Math.min(pages, Math.max(1, Integer.parseInt(pageText)));
        } catch (NumberFormatException e) {
            page = 1;
        }
        List<WalletViews.Card> shown = found.subList((page - 1) * PAGE_SIZE, Math.min(found.size(), page * PAGE_SIZE));
        // the page's cards grouped: personal first, then each represented company in the holder's order
        List<Group> groups = new ArrayList<>();
        List<WalletViews.Card> personal = shown.stream()
                .filter(c -> c.rawHolderCode().equals(holder.personalCode()))
                .toList();
        if (!personal.isEmpty()) {
            groups.add(new Group(holder.displayName(), "", true, personal));
        }
        for (String code : holder.representedCodes()) {
            List<WalletViews.Card> company =
                    shown.stream().filter(c -> c.rawHolderCode().equals(code)).toList();
            if (!company.isEmpty()) {
                groups.add(new Group(companyName(all, code), code, false, company));
            }
        }
        model.addAttribute("holder", holder);
        model.addAttribute(
                "companies",
                holder.representedCodes().stream()
                        .map(code -> new Group(companyName(all, code), code, false, List.of()))
                        .toList());
        model.addAttribute("groups", groups);
        model.addAttribute("total", all.size());
        model.addAttribute("found", found.size());
        model.addAttribute("q", q);
        model.addAttribute("type", chosenType);
        model.addAttribute("status", chosenStatus);
        model.addAttribute("sort", chosenSort);
        model.addAttribute("sorts", SORTS);
        model.addAttribute("statuses", WalletViews.statuses());
        model.addAttribute(
                "typeOptions",
                all.stream()
                        .map(c -> new TypeOption(c.typeSlug(), c.typeName()))
                        .distinct()
                        .sorted(Comparator.comparing(TypeOption::name))
                        .toList());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("filtered", !q.isEmpty() || !chosenType.isEmpty() || !chosenStatus.isEmpty());
        notificationBadge(holder, model, session);
        return "wallet";
    }

    private static Comparator<WalletViews.Card> order(String sort) {
        Comparator<WalletViews.Card> newest =
                Comparator.comparing(WalletViews.Card::issuedOn).thenComparing(WalletViews.Card::root);
        return switch (sort) {
            case "issued-asc" -> newest;
            case "type" -> Comparator.comparing(WalletViews.Card::typeName).thenComparing(newest.reversed());
            case "number" -> Comparator.comparing(WalletViews.Card::number);
            default -> newest.reversed();
        };
    }

    private static String companyName(List<WalletViews.Card> cards, String code) {
        return cards.stream()
                .filter(c -> c.rawHolderCode().equals(code))
                .map(WalletViews.Card::holderName)
                .findFirst()
                .orElse(code);
    }

    /** What a form of the licence page was given and what was wrong with it (message keys by field). */
    record FormState(String form, Map<String, String> errors, Map<String, Object> values) {
        static FormState none() {
            return new FormState("", Map.of(), Map.of());
        }
    }

    @GetMapping("/wallet/licences/{root}")
    String licence(
            @PathVariable String root,
            @RequestParam(value = "reveal", required = false) String reveal,
            Model model,
            Locale locale,
            HttpSession session) {
        Holder holder = currentHolder.require();
        return licencePage(holder, root, reveal, FormState.none(), model, locale, session);
    }

    private String licencePage(
            Holder holder,
            String root,
            String reveal,
            FormState form,
            Model model,
            Locale locale,
            HttpSession session) {
        Licence licence = licenceOf(holder, root);
        LicenceVersion current =
                registry.findVersion(licence.currentIdentifier()).orElseThrow(() -> notFound(root));
        Optional<LicenceType> type = types.find(current.typeCode());
        WalletViews.Card card = WalletViews.card(licence, current, type, today());
        model.addAttribute("holder", holder);
        model.addAttribute("card", card);
        List<Views.FieldRow> fieldRows = Views.fields(current, types, locale);
        model.addAttribute("fields", fieldRows);
        model.addAttribute(
                "shownFields",
                fieldRows.stream()
                        .map(f -> {
                            boolean masked = WalletViews.masked(type, f.key(), f.value());
                            boolean revealed = masked && f.key().equals(reveal);
                            return new ShownField(
                                    f.key(),
                                    f.label(),
                                    masked && !revealed ? WalletViews.mask(f.value()) : f.value(),
                                    masked,
                                    revealed);
                        })
                        .toList());
        model.addAttribute(
                "versions",
                registry.versions(root).stream()
                        .sorted(Comparator.comparingInt(LicenceVersion::version).reversed())
                        .map(v -> new Views.VersionRow(
                                v.identifier(),
                                String.valueOf(v.version()),
                                text("change." + v.change(), v.change(), locale),
                                Views.time(v.createdAt()),
                                v.identifier().equals(licence.currentIdentifier()),
                                v.rendition("OFD").isPresent()))
                        .toList());
        model.addAttribute(
                "events",
                licence.events().reversed().stream()
                        .map(e -> new Views.EventRow(
                                text("event." + e.type(), e.type(), locale),
                                String.valueOf(e.version()),
                                e.reason(),
                                Views.time(e.at())))
                        .toList());
        model.addAttribute(
                "shares",
                shares.sharesOf(root).stream()
                        // the codes of past 亮证 (short-lived, renewed every minute) would bury the share links
                        .filter(s -> s.stateAt(shares.now()) == Share.State.ACTIVE
                                || Duration.between(s.createdAt(), s.expiresAt())
                                                .compareTo(SHOWING_LIFETIME)
                                        > 0)
                        .sorted(Comparator.comparing(Share::createdAt).reversed())
                        .map(s -> shareRow(s, card.inForce(), locale))
                        .toList());
        LicenceUsageRecords records = usageRecords.getIfAvailable();
        model.addAttribute(
                "usageRecords",
                records == null
                        ? List.of()
                        : records.about(holder, root).stream()
                                .map(r -> usageRow(r, fieldRows))
                                .toList());
        LicenceConsents given = consents.getIfAvailable();
        model.addAttribute("consentsWired", given != null);
        model.addAttribute(
                "consents",
                given == null
                        ? List.of()
                        : given.consentsAbout(holder, root).stream()
                                .map(c -> consentRow(c, fieldRows))
                                .toList());
        model.addAttribute("parties", given == null ? List.of() : given.parties());
        model.addAttribute("consentTerms", CONSENT_TERMS);
        model.addAttribute("expiries", List.of("PT1H", "P1D", "P7D", "P30D"));
        model.addAttribute("form", form);
        model.addAttribute(
                "showDefaults",
                type.map(t -> t.fields().stream()
                                .filter(f -> f.sensitivity() != cn.zhengyin.licence.licencetype.Sensitivity.SENSITIVE)
                                .filter(f -> f.role()
                                        .filter(r -> r == cn.zhengyin.licence.licencetype.FieldRole.HOLDER_NAME
                                                || r == cn.zhengyin.licence.licencetype.FieldRole.HOLDER_CODE
                                                || r == cn.zhengyin.licence.licencetype.FieldRole.LICENCE_NUMBER
                                                || r == cn.zhengyin.licence.licencetype.FieldRole.VALIDITY_END)
                                        .isPresent())
                                .map(cn.zhengyin.licence.licencetype.FieldDefinition::key)
                                .toList())
                        .orElse(List.of()));
        notificationBadge(holder, model, session);
        return "wallet-licence";
    }

    /** A field as the holder's licence page shows it: masked ones with a reveal link. */
    record ShownField(String key, String label, String value, boolean masked, boolean revealed) {}

    private String text(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }

    /** A usage record as the licence page shows it: {@code kind} is the message key suffix. */
    record UsageRow(
            String at,
            String party,
            String kind,
            String fields,
            String purpose,
            String caseNumber,
            String serviceItem) {}

    private static UsageRow usageRow(LicenceUsageRecords.UsageRecord r, List<Views.FieldRow> labels) {
        return new UsageRow(
                Views.time(r.at()),
                r.party(),
                r.kind().toLowerCase(Locale.ROOT).replace('_', '-'),
                labels(r.fields(), labels),
                r.purpose(),
                r.caseNumber(),
                r.serviceItem());
    }

    /** A consent as the licence page shows it: {@code state} is the message key suffix. */
    record ConsentRow(
            String id,
            String party,
            String fields,
            String purpose,
            String grantedAt,
            String until,
            String state,
            String withdrawnAt) {}

    private static ConsentRow consentRow(LicenceConsents.Consent c, List<Views.FieldRow> labels) {
        return new ConsentRow(
                c.id(),
                c.party(),
                labels(c.fields(), labels),
                c.purpose(),
                Views.time(c.grantedAt()),
                Views.time(c.until()),
                c.state(),
                c.withdrawnAt().map(Views::time).orElse(""));
    }

    private static String labels(List<String> keys, List<Views.FieldRow> labels) {
        return String.join(
                "、",
                keys.stream()
                        .map(k -> labels.stream()
                                .filter(f -> f.key().equals(k))
                                .map(Views.FieldRow::label)
                                .findFirst()
                                .orElse(k))
                        .toList());
    }

    /** 授权用证 from the licence page: the third party may read the chosen fields for the purpose until the term ends. */
    @PostMapping("/wallet/licences/{root}/consents")
    String grantConsent(
            @PathVariable String root,
            @RequestParam(value = "clientId", required = false) String clientId,
            @RequestParam(value = "field", required = false) List<String> fields,
            @RequestParam(value = "purpose", required = false) String purpose,
            @RequestParam(value = "term", required = false) String term,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            HttpSession session) {
        Holder holder = currentHolder.require();
        LicenceConsents given = consents.getIfAvailable();
        if (given == null) {
            throw notFound(root);
        }
        Licence licence = licenceOf(holder, root);
        List<String> chosen = fields == null ? List.of() : fields;
        String party = clientId == null ? "" : clientId;
        String text = purpose == null ? "" : purpose.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (given.parties().stream().noneMatch(p -> p.clientId().equals(party))) {
            errors.put("clientId", "form.error.party");
        }
        if (chosen.isEmpty()) {
            errors.put("fields", "form.error.consent-fields");
        }
        if (text.isEmpty()) {
            errors.put("purpose", "form.error.purpose");
        } else if (text.codePointCount(0, text.length()) > 50) {
            errors.put("purpose", "form.error.purpose-length");
        }
        if (term == null || !CONSENT_TERMS.contains(term)) {
            errors.put("term", "form.error.term");
        }
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            try {
                given.grant(holder, root, party, chosen, text, clock.instant().plus(Duration.parse(term)));
                return "redirect:/wallet/licences/" + root + "#consents";
            } catch (LicenceConsents.Refused e) {
                if (e.notFound()) {
                    throw notFound(root);
                }
                if (!BrowserErrorPages.wantsPage(request)) {
                    throw e.notInForce()
                            ? ProblemException.conflict("licence-not-in-force", "Licence not in force", e.getMessage())
                            : ProblemException.validationFailed(e.getMessage(), List.of());
                }
                status = e.notInForce() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
                errors.put(
                        e.notInForce() ? "form" : "purpose",
                        e.notInForce() ? "form.error.not-in-force" : "form.error.purpose-rules");
            }
        } else if (!BrowserErrorPages.wantsPage(request)) {
            throw ProblemException.validationFailed(
                    "the consent form is incomplete: " + String.join(", ", errors.keySet()),
                    errors.keySet().stream()
                            .map(k -> new ProblemException.FieldError(
                                    k, messages.getMessage(errors.get(k), null, Locale.ENGLISH)))
                            .toList());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("clientId", party);
        values.put("fields", chosen);
        values.put("purpose", text);
        values.put("term", term == null ? "" : term);
        response.setStatus(status.value());
        return licencePage(
                holder, licence.root(), null, new FormState("consent", errors, values), model, locale, session);
    }

    /** The page that asks "withdraw this consent?" when the browser runs no script (the dialog does it otherwise). */
    @GetMapping("/wallet/consents/{consentId}/withdrawal")
    String confirmConsentWithdrawal(@PathVariable String consentId, Model model, HttpSession session) {
        Holder holder = currentHolder.require();
        LicenceConsents given = consents.getIfAvailable();
        if (given == null) {
            throw notFound(consentId);
        }
        for (Licence licence : registry.findByHolderCodes(holder.holderCodes())) {
            for (LicenceConsents.Consent c : given.consentsAbout(holder, licence.root())) {
                if (c.id().equals(consentId) && "active".equals(c.state())) {
                    model.addAttribute("holder", holder);
                    model.addAttribute("kind", "consent");
                    model.addAttribute("action", "/wallet/consents/" + consentId + "/withdrawal");
                    model.addAttribute("back", "/wallet/licences/" + licence.root() + "#consents");
                    model.addAttribute("subject", c.party());
                    notificationBadge(holder, model, session);
                    return "wallet-confirm";
                }
            }
        }
        throw notFound(consentId);
    }

    /** Withdraws one of the holder's consents; another holder's consent is 404, like one that does not exist. */
    @PostMapping("/wallet/consents/{consentId}/withdrawal")
    String withdrawConsent(@PathVariable String consentId) {
        Holder holder = currentHolder.require();
        LicenceConsents given = consents.getIfAvailable();
        if (given == null) {
            throw notFound(consentId);
        }
        try {
            return "redirect:/wallet/licences/" + given.withdraw(holder, consentId) + "#consents";
        } catch (LicenceConsents.Refused e) {
            throw notFound(consentId);
        }
    }

    /**
     * One of the licence's shares as the detail page lists it. {@code state} is the message key suffix; a share of a
     * licence that is no longer in force is {@code invalid} whatever its own state.
     */
    record ShareRow(String id, String fields, String createdAt, String expiresAt, String state) {}

    private ShareRow shareRow(Share share, boolean licenceInForce, Locale locale) {
        String state = share.stateAt(shares.now()).name().toLowerCase(Locale.ROOT);
        return new ShareRow(
                share.id(),
                String.join(
                        "、",
                        share.fields().stream()
                                .map(k -> label(share, k, locale))
                                .toList()),
                Views.time(share.createdAt()),
                Views.time(share.expiresAt()),
                "active".equals(state) && !licenceInForce ? "invalid" : state);
    }

    private String label(Share share, String key, Locale locale) {
        return registry.findVersion(share.licenceIdentifier())
                .flatMap(v -> types.find(v.typeCode()))
                .flatMap(t -> t.field(key))
                .map(f -> "en".equals(locale.getLanguage()) && f.labelEn() != null ? f.labelEn() : f.labelZh())
                .orElse(key);
    }

    @GetMapping("/wallet/versions/{identifier}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String identifier) {
        return file(identifier, "PDF", MediaType.APPLICATION_PDF, ".pdf");
    }

    @GetMapping("/wallet/versions/{identifier}/xml")
    ResponseEntity<byte[]> xml(@PathVariable String identifier) {
        return file(identifier, "XML", MediaType.APPLICATION_XML, ".xml");
    }

    /** The OFD rendition (GB/T 33190, sealed with GB/T 38540), for platforms that take the national format. */
    @GetMapping("/wallet/versions/{identifier}/ofd")
    ResponseEntity<byte[]> ofd(@PathVariable String identifier) {
        return file(identifier, "OFD", MediaType.parseMediaType("application/ofd"), ".ofd");
    }

    /** The licence's data as JSON (type, identifier, holder, issuer, dates, fields), named like the other downloads. */
    @GetMapping("/wallet/versions/{identifier}/json")
    ResponseEntity<Map<String, Object>> json(@PathVariable String identifier) {
        LicenceVersion version = versionOf(currentHolder.require(), identifier);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identifier", version.identifier());
        body.put("licenceType", version.typeName());
        body.put("holderName", version.holderName());
        body.put("holderCode", version.holderCode());
        body.put("issuerName", version.issuerName());
        body.put("issuedOn", version.issuedOn().toString());
        body.put("validUntil", version.validUntil().map(LocalDate::toString).orElse(""));
        body.put("fields", version.fields());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        WalletViews.contentDisposition(
                                version.identifier() + ".json", WalletViews.downloadName(version, ".json")))
                .body(body);
    }

    @GetMapping(value = "/wallet/versions/{identifier}/preview.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> preview(@PathVariable String identifier) {
        return image(identifier, false);
    }

    /** The card's small picture of page 1 (rendered once per version and kept). */
    @GetMapping(value = "/wallet/versions/{identifier}/thumbnail.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> thumbnail(@PathVariable String identifier) {
        return image(identifier, true);
    }

    private ResponseEntity<byte[]> image(String identifier, boolean thumbnail) {
        LicenceVersion version = versionOf(currentHolder.require(), identifier);
        Rendition pdf = version.rendition("PDF").orElseThrow(() -> notFound(identifier));
        var source = (java.util.function.Supplier<byte[]>)
                () -> files.get(pdf.fileId()).orElseThrow(() -> notFound(identifier));
        byte[] png = thumbnail
                ? previews.thumbnail(version.identifier(), source)
                : previews.firstPage(version.identifier(), source);
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                .body(png);
    }

    /** A share link (sent to someone): the chosen fields for the chosen time. */
    @PostMapping("/wallet/licences/{root}/shares")
    String share(
            @PathVariable String root,
            @RequestParam(value = "field", required = false) List<String> fields,
            @RequestParam(value = "expiry", required = false) String expiry,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            HttpSession session) {
        Holder holder = currentHolder.require();
        Map<String, String> errors = new LinkedHashMap<>();
        Duration lifetime = expiry == null ? null : EXPIRIES.get(expiry);
        if (lifetime == null) {
            errors.put("expiry", "form.error.expiry");
        }
        return createShare(holder, root, fields, lifetime, "share", errors, request, response, model, locale, session);
    }

    /** 亮证: a short-lived share of the chosen fields, shown full screen as a QR code that renews itself. */
    @PostMapping("/wallet/licences/{root}/showing")
    String show(
            @PathVariable String root,
            @RequestParam(value = "field", required = false) List<String> fields,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            HttpSession session) {
        Holder holder = currentHolder.require();
        return createShare(
                holder,
                root,
                fields,
                SHOWING_LIFETIME,
                "show",
                new LinkedHashMap<>(),
                request,
                response,
                model,
                locale,
                session);
    }

    private String createShare(
            Holder holder,
            String root,
            List<String> fields,
            Duration lifetime,
            String form,
            Map<String, String> errors,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            HttpSession session) {
        Licence licence = licenceOf(holder, root);
        List<String> chosen = fields == null ? List.of() : fields;
        if (chosen.isEmpty()) {
            errors.put("fields", "form.error.share-fields");
        }
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            try {
                Share share =
                        shares.create(holder, root, chosen, clock.instant().plus(lifetime));
                metrics.share("created");
                return "show".equals(form)
                        ? "redirect:/wallet/shares/" + share.id() + "/show"
                        : "redirect:/wallet/shares/" + share.id();
            } catch (ShareRefusedException e) {
                if (e.notFound()) {
                    throw notFound(root);
                }
                if (!BrowserErrorPages.wantsPage(request)) {
                    throw e.notInForce()
                            ? ProblemException.conflict("licence-not-in-force", "Licence not in force", e.getMessage())
                            : ProblemException.validationFailed(e.getMessage(), List.of());
                }
                status = e.notInForce() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
                errors.put("form", e.notInForce() ? "form.error.not-in-force" : "form.error.share-refused");
            }
        } else if (!BrowserErrorPages.wantsPage(request)) {
            throw ProblemException.validationFailed(
                    "choose at least one field to share, and an expiry of " + EXPIRIES.keySet(),
                    errors.keySet().stream()
                            .map(k -> new ProblemException.FieldError(
                                    k, messages.getMessage(errors.get(k), null, Locale.ENGLISH)))
                            .toList());
        }
        response.setStatus(status.value());
        return licencePage(
                holder,
                licence.root(),
                null,
                new FormState(form, errors, Map.of("fields", chosen)),
                model,
                locale,
                session);
    }

    @GetMapping("/wallet/shares/{id}")
    String sharePage(@PathVariable String id, Model model, Locale locale, HttpSession session) {
        Holder holder = currentHolder.require();
        Share share = shareOf(holder, id);
        boolean inForce = licenceInForce(share);
        model.addAttribute("holder", holder);
        model.addAttribute("share", shareRow(share, inForce, locale));
        model.addAttribute("root", share.root());
        model.addAttribute("link", link(share));
        model.addAttribute(
                "typeName",
                registry.findVersion(share.licenceIdentifier())
                        .map(LicenceVersion::typeName)
                        .orElse(""));
        notificationBadge(holder, model, session);
        return "wallet-share";
    }

    private boolean licenceInForce(Share share) {
        LocalDate today = today();
        return registry.findLicence(share.root())
                .map(l -> l.statusAt(today) == cn.zhengyin.licence.registry.LicenceStatus.VALID)
                .orElse(false);
    }

    /** 亮证 full screen: the QR code of a short-lived share, its fields, a countdown to the next code. */
    @GetMapping("/wallet/shares/{id}/show")
    String showPage(@PathVariable String id, Model model, Locale locale) {
        Holder holder = currentHolder.require();
        Share share = shareOf(holder, id);
        LicenceVersion version = registry.findVersion(share.licenceIdentifier()).orElseThrow(() -> notFound(id));
        boolean inForce = licenceInForce(share);
        model.addAttribute("holder", holder);
        model.addAttribute("share", shareRow(share, inForce, locale));
        model.addAttribute("root", share.root());
        model.addAttribute("typeName", version.typeName());
        model.addAttribute("holderName", version.holderName());
        model.addAttribute("number", WalletViews.number(version, types.find(version.typeCode())));
        model.addAttribute("link", link(share));
        model.addAttribute("refreshSeconds", showingRefresh.toSeconds());
        model.addAttribute("shownAt", Views.time(share.createdAt()));
        return "wallet-show";
    }

    /** The next code of a 亮证: a new share of the same fields; the previous one is withdrawn at once. */
    @PostMapping("/wallet/shares/{id}/renewal")
    String renewShowing(@PathVariable String id) {
        Holder holder = currentHolder.require();
        Share share = shareOf(holder, id);
        try {
            Share next = shares.create(
                    holder, share.root(), share.fields(), clock.instant().plus(SHOWING_LIFETIME));
            metrics.share("created");
            shares.withdraw(holder, id);
            metrics.share("withdrawn");
            return "redirect:/wallet/shares/" + next.id() + "/show";
        } catch (ShareRefusedException e) {
            if (e.notInForce()) {
                return "redirect:/wallet/licences/" + share.root();
            }
            throw notFound(id);
        }
    }

    @GetMapping(value = "/wallet/shares/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@PathVariable String id) {
        Share share = shareOf(currentHolder.require(), id);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(link(share), 320));
    }

    /** The page that asks "withdraw this share?" when the browser runs no script (the dialog does it otherwise). */
    @GetMapping("/wallet/shares/{id}/withdrawal")
    String confirmShareWithdrawal(@PathVariable String id, Model model, Locale locale, HttpSession session) {
        Holder holder = currentHolder.require();
        Share share = shareOf(holder, id);
        model.addAttribute("holder", holder);
        model.addAttribute("kind", "share");
        model.addAttribute("action", "/wallet/shares/" + id + "/withdrawal");
        model.addAttribute("back", "/wallet/shares/" + id);
        model.addAttribute("subject", shareRow(share, true, locale).fields());
        notificationBadge(holder, model, session);
        return "wallet-confirm";
    }

    @PostMapping("/wallet/shares/{id}/withdrawal")
    String withdraw(@PathVariable String id, @RequestParam(value = "then", required = false) String then) {
        Holder holder = currentHolder.require();
        Share share = shareOf(holder, id);
        try {
            shares.withdraw(holder, id);
            metrics.share("withdrawn");
        } catch (ShareRefusedException e) {
            throw notFound(id);
        }
        return "licence".equals(then) ? "redirect:/wallet/licences/" + share.root() : "redirect:/wallet/shares/" + id;
    }

    /** The service worker that keeps the last 亮证 page for showing offline (scope /wallet/). */
    @GetMapping(value = "/wallet/sw.js", produces = "text/javascript")
    @ResponseBody
    ResponseEntity<String> serviceWorker() {
        try {
            String script = new ClassPathResource("wallet/sw.js").getContentAsString(StandardCharsets.UTF_8);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("text/javascript;charset=UTF-8"))
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .body(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the service worker shows without a network when no 亮证 was cached yet. */
    @GetMapping("/wallet/offline")
    String offline(Model model) {
        model.addAttribute("holder", currentHolder.require());
        return "wallet-offline";
    }

    // ---- notifications ------------------------------------------------------------------------------------------

    /** One notification: when, a message key with its arguments, and where it leads. */
    record Notification(Instant at, String time, String key, List<String> arguments, String href, boolean unread) {}

    @GetMapping("/wallet/notifications")
    String notifications(Model model, HttpSession session) {
        Holder holder = currentHolder.require();
        Instant seen = seen(session);
        List<Notification> all = notificationsOf(holder, seen);
        session.setAttribute(SEEN, clock.instant());
        model.addAttribute("holder", holder);
        model.addAttribute("notifications", all);
        model.addAttribute("notificationCount", 0);
        return "wallet-notifications";
    }

    private Instant seen(HttpSession session) {
        Object seen = session.getAttribute(SEEN);
        return seen instanceof Instant at ? at : Instant.EPOCH;
    }

    private void notificationBadge(Holder holder, Model model, HttpSession session) {
        Instant seen = seen(session);
        model.addAttribute(
                "notificationCount",
                notificationsOf(holder, seen).stream()
                        .filter(Notification::unread)
                        .count());
    }

    /**
     * The holder's notifications of the last 30 days, newest first: a licence of theirs revoked, suspended or
     * cancelled; a consent ending within 7 days; a new usage record.
     */
    private List<Notification> notificationsOf(Holder holder, Instant seen) {
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(30));
        List<Notification> out = new ArrayList<>();
        LicenceConsents given = consents.getIfAvailable();
        LicenceUsageRecords records = usageRecords.getIfAvailable();
        for (Licence licence : registry.findByHolderCodes(holder.holderCodes())) {
            Optional<LicenceVersion> version = registry.findVersion(licence.currentIdentifier());
            if (version.isEmpty()) {
                continue;
            }
            String name = version.get().typeName();
            String number =
                    WalletViews.number(version.get(), types.find(version.get().typeCode()));
            String href = "/wallet/licences/" + licence.root();
            for (var e : licence.events()) {
                if (List.of("REVOKED", "SUSPENDED", "CANCELLED").contains(e.type()) && e.at().isAfter(from)) {
                    out.add(new Notification(
                            e.at(),
                            Views.time(e.at()),
                            "notice." + e.type(),
                            List.of(name, number, Views.time(e.at()), e.reason()),
                            href,
                            e.at().isAfter(seen)));
                }
            }
            if (given != null) {
                for (var c : given.consentsAbout(holder, licence.root())) {
                    if ("active".equals(c.state()) && c.until().isBefore(now.plus(Duration.ofDays(7)))) {
                        Instant at = c.until().minus(Duration.ofDays(7));
                        out.add(new Notification(
                                at,
                                Views.time(c.until()),
                                "notice.consent-ending",
                                List.of(name, number, c.party(), Views.time(c.until())),
                                href + "#consents",
                                at.isAfter(seen)));
                    }
                }
            }
            if (records != null) {
                for (var r : records.about(holder, licence.root())) {
                    if (r.at().isAfter(from)) {
                        out.add(new Notification(
                                r.at(),
                                Views.time(r.at()),
                                "notice.usage",
                                List.of(name, number, r.party(), r.purpose()),
                                href + "#usage-records",
                                r.at().isAfter(seen)));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(Notification::at).reversed());
        return out;
    }

    // ---- access ------------------------------------------------------------------------------------------------

    private String link(Share share) {
        return links.sharePage(share.id());
    }

    private Share shareOf(Holder holder, String id) {
        return shares.find(id).filter(s -> holder.holds(s.holderCode())).orElseThrow(() -> notFound(id));
    }

    private Licence licenceOf(Holder holder, String root) {
        return registry.findLicence(root)
                .filter(l -> holder.holds(l.holderCode()))
                .orElseThrow(() -> notFound(root));
    }

    private LicenceVersion versionOf(Holder holder, String identifier) {
        return registry.findVersion(identifier)
                .filter(v -> holder.holds(v.holderCode()))
                .orElseThrow(() -> notFound(identifier));
    }

    private ResponseEntity<byte[]> file(String identifier, String kind, MediaType type, String suffix) {
        LicenceVersion version = versionOf(currentHolder.require(), identifier);
        Rendition rendition = version.rendition(kind).orElseThrow(() -> notFound(identifier));
        byte[] content = files.get(rendition.fileId()).orElseThrow(() -> notFound(identifier));
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        WalletViews.contentDisposition(
                                version.identifier() + suffix, WalletViews.downloadName(version, suffix)))
                .body(content);
    }

    private static ProblemException notFound(String what) {
        return new ProblemException(
                HttpStatus.NOT_FOUND, "not-found", "Not Found", "your wallet has nothing called '" + what + "'");
    }
}
