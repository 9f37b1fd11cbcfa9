package cn.zhengyin.licence.wallet.internal;

import cn.zhengyin.licence.holder.CurrentHolder;
import cn.zhengyin.licence.holder.Holder;
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
import cn.zhengyin.service.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
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

/**
 * The wallet pages of the signed-in holder. Every page and file checks that the licence's holder code is the holder's
 * own or a represented company's; anything else is 404, the same as an identifier that does not exist.
 */
@Controller
class WalletController {
    /** The expiry choices of a share, in the form's order. */
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
            LicenceMetrics metrics) {
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
    }

    @GetMapping("/wallet")
    String list(Model model) {
        Holder holder = currentHolder.require();
        LocalDate today = LocalDate.now(clock.withZone(Views.CHINA));
        List<Views.Card> cards = registry.findByHolderCodes(holder.holderCodes()).stream()
                .flatMap(l -> registry.findVersion(l.currentIdentifier()).map(v -> Views.card(l, v, today)).stream())
                .toList();
        model.addAttribute("holder", holder);
        model.addAttribute("cards", cards);
        return "wallet";
    }

    @GetMapping("/wallet/licences/{root}")
    String licence(@PathVariable String root, Model model, Locale locale) {
        Holder holder = currentHolder.require();
        Licence licence = licenceOf(holder, root);
        LicenceVersion current =
                registry.findVersion(licence.currentIdentifier()).orElseThrow(() -> notFound(root));
        LocalDate today = LocalDate.now(clock.withZone(Views.CHINA));
        model.addAttribute("holder", holder);
        model.addAttribute("card", Views.card(licence, current, today));
        List<Views.FieldRow> fieldRows = Views.fields(current, types, locale);
        model.addAttribute("fields", fieldRows);
        model.addAttribute(
                "versions",
                registry.versions(root).stream()
                        .sorted(Comparator.comparingInt(LicenceVersion::version).reversed())
                        .map(v -> new Views.VersionRow(
                                v.identifier(),
                                String.format(Locale.ROOT, "%03d", v.version()),
                                v.change(),
                                Views.time(v.createdAt()),
                                v.identifier().equals(licence.currentIdentifier()),
                                v.rendition("OFD").isPresent()))
                        .toList());
        model.addAttribute(
                "events",
                licence.events().reversed().stream()
                        .map(e -> new Views.EventRow(
                                e.type(),
                                String.format(Locale.ROOT, "%03d", e.version()),
                                e.reason(),
                                Views.time(e.at())))
                        .toList());
        model.addAttribute(
                "shares",
                shares.sharesOf(root).stream().map(s -> shareRow(s, locale)).toList());
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
        return "wallet-licence";
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
                ", ",
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
            @RequestParam("term") String term) {
        Holder holder = currentHolder.require();
        LicenceConsents given = consents.getIfAvailable();
        if (given == null) {
            throw notFound(root);
        }
        licenceOf(holder, root);
        if (!CONSENT_TERMS.contains(term)) {
            throw ProblemException.validationFailed("term must be one of " + CONSENT_TERMS, List.of());
        }
        try {
            given.grant(
                    holder,
                    root,
                    clientId == null ? "" : clientId,
                    fields == null ? List.of() : fields,
                    purpose,
                    clock.instant().plus(Duration.parse(term)));
        } catch (LicenceConsents.Refused e) {
            throw e.notFound() ? notFound(root) : ProblemException.validationFailed(e.getMessage(), List.of());
        }
        return "redirect:/wallet/licences/" + root + "#consents";
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

    /** One of the licence's shares as the detail page lists it. */
    record ShareRow(String id, String fields, String createdAt, String expiresAt, String state) {}

    private ShareRow shareRow(Share share, Locale locale) {
        return new ShareRow(
                share.id(),
                String.join(
                        ", ",
                        share.fields().stream()
                                .map(k -> label(share, k, locale))
                                .toList()),
                Views.time(share.createdAt()),
                Views.time(share.expiresAt()),
                share.stateAt(shares.now()).name().toLowerCase(Locale.ROOT));
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

    @GetMapping(value = "/wallet/versions/{identifier}/preview.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> preview(@PathVariable String identifier) {
        LicenceVersion version = versionOf(currentHolder.require(), identifier);
        Rendition pdf = version.rendition("PDF").orElseThrow(() -> notFound(identifier));
        byte[] png = previews.firstPage(
                version.identifier(), () -> files.get(pdf.fileId()).orElseThrow(() -> notFound(identifier)));
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                .body(png);
    }

    @PostMapping("/wallet/licences/{root}/shares")
    String share(
            @PathVariable String root,
            @RequestParam(value = "field", required = false) List<String> fields,
            @RequestParam("expiry") String expiry) {
        Holder holder = currentHolder.require();
        Duration lifetime = Optional.ofNullable(EXPIRIES.get(expiry))
                .orElseThrow(() ->
                        ProblemException.validationFailed("expiry must be one of " + EXPIRIES.keySet(), List.of()));
        try {
            Share share = shares.create(
                    holder,
                    root,
                    fields == null ? List.of() : fields,
                    clock.instant().plus(lifetime));
            metrics.share("created");
            return "redirect:/wallet/shares/" + share.id();
        } catch (ShareRefusedException e) {
            throw e.notFound() ? notFound(root) : ProblemException.validationFailed(e.getMessage(), List.of());
        }
    }

    @GetMapping("/wallet/shares/{id}")
    String sharePage(@PathVariable String id, Model model, Locale locale) {
        Holder holder = currentHolder.require();
        Share share = shareOf(holder, id);
        model.addAttribute("holder", holder);
        model.addAttribute("share", shareRow(share, locale));
        model.addAttribute("root", share.root());
        model.addAttribute("link", link(share));
        model.addAttribute("credential", share.credential());
        model.addAttribute(
                "typeName",
                registry.findVersion(share.licenceIdentifier())
                        .map(LicenceVersion::typeName)
                        .orElse(""));
        return "wallet-share";
    }

    @GetMapping(value = "/wallet/shares/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@PathVariable String id) {
        Share share = shareOf(currentHolder.require(), id);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(link(share), 320));
    }

    @PostMapping("/wallet/shares/{id}/withdrawal")
    String withdraw(@PathVariable String id) {
        Holder holder = currentHolder.require();
        try {
            shares.withdraw(holder, id);
            metrics.share("withdrawn");
        } catch (ShareRefusedException e) {
            throw notFound(id);
        }
        return "redirect:/wallet/shares/" + id;
    }

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
                        ContentDisposition.attachment()
                                .filename(version.identifier() + suffix)
                                .build()
                                .toString())
                .body(content);
    }

    private static ProblemException notFound(String what) {
        return new ProblemException(
                HttpStatus.NOT_FOUND, "not-found", "Not Found", "your wallet has nothing called '" + what + "'");
    }
}
