package cn.zhengyin.seal.console.internal;

import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.lifecycle.LibrarySealImageMaker;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.seal.sealing.DocumentSealingService.Format;
import cn.zhengyin.seal.sealing.SealingApprovalRequiredException;
import cn.zhengyin.seal.sealing.SealingRequest;
import cn.zhengyin.seal.sealing.SealingRequest.State;
import cn.zhengyin.seal.sealing.SealingRequestException;
import cn.zhengyin.seal.sealing.SealingRequestService;
import cn.zhengyin.seal.sealing.SealingRequestService.Placement;
import cn.zhengyin.seal.signing.SesealUnavailableException;
import cn.zhengyin.seal.signing.SigningRefusedException;
import cn.zhengyin.trust.sealing.SealPlacement;
import cn.zhengyin.trust.sealing.SealUse;
import cn.zhengyin.trust.sealing.SealingRefusedException;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 用印 in the console: upload a PDF or OFD, choose the seal and place it (typed coordinates, a keyword, a 骑缝章, or —
 * for a PDF — a click on the page rendered here: an {@code <input type="image">}, which sends the click's position
 * without any script), preview, submit; a seal whose policy requires approval (用印审批) waits for a second person.
 * Refusals are the sealing API's, shown in Chinese next to the field they concern.
 */
@Controller
class SealingConsoleController {
    /** Width in pixels of a rendered page (the click coordinates are in this image's pixels). */
    static final int PAGE_WIDTH_PX = 600;

    private static final Pattern REGION =
            Pattern.compile("page (\\d+) \\[([\\d.]+), ([\\d.]+), ([\\d.]+) x ([\\d.]+) mm\\]");

    private final SealingRequestService requests;
    private final SealLifecycleService seals;
    private final SealImageMaker images;
    private final SealImageRenderer renderer;

    SealingConsoleController(
            SealingRequestService requests,
            SealLifecycleService seals,
            SealImageMaker images,
            SealImageRenderer renderer) {
        this.requests = requests;
        this.seals = seals;
        this.images = images;
        this.renderer = renderer;
    }

    /** The upload form's fields (kept to refill it after a refusal; the file must be chosen again). */
    public record SealingForm(
            String sealId,
            String category,
            String caseNumber,
            String placement,
            String page,
            String x,
            String y,
            String keyword,
            String occurrence,
            String sizeMm) {
        static SealingForm empty() {
            return new SealingForm("", "decision", "", "keyword", "1", "", "", "", "last", "42");
        }

        static SealingForm of(SealingRequest r) {
            return new SealingForm(
                    r.sealId(),
                    r.category(),
                    r.caseNumber(),
                    r.placementKind(),
                    String.valueOf(r.page()),
                    number(r.xMm()),
                    number(r.yMm()),
                    r.keyword(),
                    r.occurrence() == SealPlacement.AtKeyword.LAST ? "last" : String.valueOf(r.occurrence()),
                    number(r.sizeMm()));
        }

        private static String number(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }

        Placement toPlacement() {
            String kind = placement == null ? "position" : placement;
            if (!List.of("position", "keyword", "cross-page").contains(kind)) {
                throw new SealingRequestException(
                        SealingRequestException.Kind.INVALID,
                        "placement",
                        "placement must be position, keyword or cross-page");
            }
            int n = SealPlacement.AtKeyword.LAST;
            if ("keyword".equals(kind)) {
                if (keyword == null || keyword.isBlank()) {
                    throw new SealingRequestException(
                            SealingRequestException.Kind.INVALID, "keyword", "type the keyword");
                }
                n = "last".equals(occurrence) ? SealPlacement.AtKeyword.LAST : (int) parse(occurrence, "occurrence", 1);
            }
            return new Placement(
                    kind,
                    "position".equals(kind) ? (int) parse(page, "page", 1) : 1,
                    "position".equals(kind) ? parse(x, "x", Double.NaN) : 0,
                    "keyword".equals(kind) ? 0 : parse(y, "y", Double.NaN),
                    "keyword".equals(kind) ? keyword : "",
                    n,
                    parse(sizeMm, "sizeMm", SealUse.DEFAULT_SIZE_MM));
        }

        private static double parse(String text, String field, double fallback) {
            if (text == null || text.isBlank()) {
                if (Double.isNaN(fallback)) {
                    throw new SealingRequestException(
                            SealingRequestException.Kind.INVALID, field, field + " is required");
                }
                return fallback;
            }
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new SealingRequestException(
                        SealingRequestException.Kind.INVALID, field, "'" + text + "' is not a number");
            }
        }
    }

    /**
     * A refusal next to a field: the message key of the Chinese (or English) explanation, the problem type of the
     * sealing API (docs/sealing.md) and its detail.
     */
    public record FieldError(String field, String key, String problem, String detail) implements java.io.Serializable {}

    @GetMapping("/console/sealings")
    String list(Authentication authentication, Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        common(user, model);
        model.addAttribute("mine", requests.byRequester(user.actor()));
        model.addAttribute("now", requests.now());
        model.addAttribute(
                "pending",
                user.has(ConsoleRole.APPROVER)
                        ? requests.pending().stream()
                                .filter(r -> !r.requester().equals(user.actor()))
                                .toList()
                        : List.of());
        return "console/sealings";
    }

    @GetMapping("/console/sealings/new")
    String form(Authentication authentication, Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        common(user, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SealingForm.empty());
        }
        model.addAttribute(
                "seals",
                seals.search(
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.of(SealState.ISSUED)));
        model.addAttribute("maxBytes", requests.maxBytes());
        return "console/sealing-new";
    }

    @PostMapping("/console/sealings")
    String upload(
            Authentication authentication,
            @RequestParam(value = "document", required = false) MultipartFile document,
            SealingForm form,
            Model model)
            throws IOException {
        ConsoleUser user = ConsoleUser.of(authentication);
        try {
            byte[] bytes = document == null ? new byte[0] : document.getBytes();
            SealingRequest draft = requests.draft(
                    user.actor(), bytes, form.sealId(), form.category(), form.caseNumber(), form.toPlacement());
            return "redirect:/console/sealings/" + draft.id();
        } catch (RuntimeException e) {
            model.addAttribute("fieldError", fieldError(e));
            model.addAttribute("form", form);
            return form(authentication, model);
        }
    }

    @GetMapping("/console/sealings/{id}")
    String request(
            Authentication authentication,
            @PathVariable String id,
            @RequestParam(value = "page", required = false) Integer page,
            Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        SealingRequest request = visible(id, user);
        common(user, model);
        model.addAttribute("request", request);
        model.addAttribute("state", request.stateAt(requests.now()));
        model.addAttribute("own", request.requester().equals(user.actor()));
        model.addAttribute(
                "canDecide",
                user.has(ConsoleRole.APPROVER) && !request.requester().equals(user.actor()));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SealingForm.of(request));
        }
        model.addAttribute(
                "previewPage", page != null && page >= 1 && page <= request.pages() ? page : previewPage(request));
        model.addAttribute("pageWidth", PAGE_WIDTH_PX);
        return "console/sealing";
    }

    @PostMapping("/console/sealings/{id}/placement")
    String place(
            Authentication authentication,
            @PathVariable String id,
            SealingForm form,
            @RequestParam(value = "click.x", required = false) Integer clickX,
            @RequestParam(value = "click.y", required = false) Integer clickY,
            @RequestParam(value = "clickPage", required = false) Integer clickPage,
            Model model,
            RedirectAttributes redirect) {
        ConsoleUser user = ConsoleUser.of(authentication);
        SealingForm placed = form;
        try {
            if (clickX != null && clickY != null && clickPage != null) {
                // a click on the rendered page: its pixels to millimetres from the top-left corner
                double mmPerPx = pageWidthMm(requests.document(id), clickPage) / PAGE_WIDTH_PX;
                placed = new SealingForm(
                        form.sealId(),
                        form.category(),
                        form.caseNumber(),
                        "position",
                        String.valueOf(clickPage),
                        SealingForm.number(clickX * mmPerPx),
                        SealingForm.number(clickY * mmPerPx),
                        "",
                        "1",
                        form.sizeMm());
            }
            requests.place(id, user.actor(), placed.toPlacement());
            redirect.addFlashAttribute("notice", "sealing.notice.placed");
            return "redirect:/console/sealings/" + id + "#preview";
        } catch (RuntimeException e) {
            model.addAttribute("fieldError", fieldError(e));
            model.addAttribute("form", placed);
            return request(authentication, id, null, model);
        }
    }

    @PostMapping("/console/sealings/{id}/submit")
    String submit(Authentication authentication, @PathVariable String id, RedirectAttributes redirect, Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        try {
            SealingRequest done = requests.submit(id, user.actor());
            redirect.addFlashAttribute(
                    "notice", done.state() == State.PENDING ? "sealing.notice.pending" : "sealing.notice.sealed");
            return "redirect:/console/sealings/" + id;
        } catch (RuntimeException e) {
            model.addAttribute("fieldError", fieldError(e));
            return request(authentication, id, null, model);
        }
    }

    @PostMapping("/console/sealings/{id}/approve")
    String approve(Authentication authentication, @PathVariable String id, RedirectAttributes redirect, Model model) {
        return decide(authentication, id, true, "", redirect, model);
    }

    @PostMapping("/console/sealings/{id}/reject")
    String reject(
            Authentication authentication,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect,
            Model model) {
        return decide(authentication, id, false, reason, redirect, model);
    }

    private String decide(
            Authentication authentication,
            String id,
            boolean approve,
            String reason,
            RedirectAttributes redirect,
            Model model) {
        ConsoleUser user = ConsoleUser.of(authentication);
        try {
            if (!user.has(ConsoleRole.APPROVER)) {
                throw new SealingRequestException(
                        SealingRequestException.Kind.INVALID,
                        "",
                        "approving a sealing request needs the approver role");
            }
            if (approve) {
                requests.approve(id, user.actor());
            } else {
                requests.reject(id, user.actor(), reason);
            }
            redirect.addFlashAttribute("notice", approve ? "sealing.notice.approved" : "sealing.notice.rejected");
            return "redirect:/console/sealings/" + id;
        } catch (RuntimeException e) {
            model.addAttribute("fieldError", fieldError(e));
            return request(authentication, id, null, model);
        }
    }

    @GetMapping("/console/sealings/{id}/sealed")
    ResponseEntity<byte[]> download(Authentication authentication, @PathVariable String id) {
        ConsoleUser user = ConsoleUser.of(authentication);
        SealingRequest request = requests.find(id);
        byte[] sealed = requests.sealed(id, user.actor());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(request.format().mediaType))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"sealed-" + id + "." + request.format().extension + "\"")
                .header("Zhengyin-Document-SHA256", request.documentSha256())
                .body(sealed);
    }

    /** A page of a draft's or pending request's PDF at {@value #PAGE_WIDTH_PX} px wide, with the seal where it would go. */
    @GetMapping(value = "/console/sealings/{id}/pages/{index}.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> page(Authentication authentication, @PathVariable String id, @PathVariable("index") int page)
            throws IOException {
        SealingRequest request = visible(id, ConsoleUser.of(authentication));
        if (request.format() != Format.PDF || page < 1 || page > request.pages()) {
            return ResponseEntity.notFound().build();
        }
        try (PDDocument pdf = Loader.loadPDF(requests.document(id))) {
            PDRectangle box = pdf.getPage(page - 1).getCropBox();
            float scale = PAGE_WIDTH_PX / box.getWidth();
            BufferedImage image = new PDFRenderer(pdf).renderImage(page - 1, scale);
            double pxPerMm = PAGE_WIDTH_PX / (box.getWidth() / 72.0 * 25.4);
            BufferedImage seal = ImageIO.read(new ByteArrayInputStream(impression(request.sealId())));
            Graphics2D g = image.createGraphics();
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.75f));
            Matcher m = REGION.matcher(request.positions());
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) == page && seal != null) {
                    g.drawImage(
                            seal,
                            (int) Math.round(Double.parseDouble(m.group(2)) * pxPerMm),
                            (int) Math.round(Double.parseDouble(m.group(3)) * pxPerMm),
                            (int) Math.round(Double.parseDouble(m.group(4)) * pxPerMm),
                            (int) Math.round(Double.parseDouble(m.group(5)) * pxPerMm),
                            null);
                }
            }
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.IMAGE_PNG)
                    .body(png.toByteArray());
        }
    }

    @ExceptionHandler(SealingRequestException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(SealingRequestException e, Authentication authentication, Model model) {
        common(ConsoleUser.of(authentication), model);
        model.addAttribute("error", new SealConsoleController.ConsoleError("sealing.error.notFound", e.getMessage()));
        return "console/error";
    }

    private byte[] impression(String sealId) {
        Seal seal = seals.find(sealId);
        return seal.imageId()
                .flatMap(images::png)
                .orElseGet(() -> renderer.renderPng(LibrarySealImageMaker.design(seal), 100));
    }

    /** The page shown in the preview: where the (first part of the) seal lies, else the chosen or first page. */
    private static int previewPage(SealingRequest request) {
        Matcher m = REGION.matcher(request.positions());
        if ("cross-page".equals(request.placementKind())) {
            return 1;
        }
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static double pageWidthMm(byte[] document, int page) {
        try (PDDocument pdf = Loader.loadPDF(document)) {
            if (page < 1 || page > pdf.getNumberOfPages()) {
                throw new SealingRequestException(SealingRequestException.Kind.INVALID, "position", "no page " + page);
            }
            return pdf.getPage(page - 1).getCropBox().getWidth() / 72.0 * 25.4;
        } catch (IOException e) {
            throw new SealingRequestException(SealingRequestException.Kind.INVALID, "document", e.getMessage());
        }
    }

    /** Only the requester and approvers see a request. */
    private SealingRequest visible(String id, ConsoleUser user) {
        SealingRequest request = requests.find(id);
        if (!request.requester().equals(user.actor()) && !user.has(ConsoleRole.APPROVER)) {
            throw new SealingRequestException(SealingRequestException.Kind.NOT_FOUND, "", "no sealing request " + id);
        }
        return request;
    }

    /** The refusal, its field and the sealing API's problem type (the same mapping as POST /api/v1/sealings). */
    static FieldError fieldError(RuntimeException e) {
        return switch (e) {
            case SealingRequestException r ->
                new FieldError(
                        r.field().isEmpty() ? "form" : r.field(),
                        "sealing.error." + r.kind().name(),
                        "",
                        r.getMessage());
            case SealingRefusedException r -> {
                String problem = cn.zhengyin.seal.sealing.SealingProblemTypes.of(r);
                String field = switch (r.reason()) {
                    case KEYWORD_NOT_FOUND -> "keyword";
                    case OFF_PAGE, UNSUPPORTED_PLACEMENT -> "position";
                    default -> "document";
                };
                yield new FieldError(field, "sealing.problem." + problem, problem, r.getMessage());
            }
            case SealNotFoundException n ->
                new FieldError("sealId", "sealing.problem.seal-not-found", "seal-not-found", n.getMessage());
            case SigningRefusedException s ->
                new FieldError("sealId", "sealing.problem.signing-refused", "signing-refused", s.getMessage());
            case SesealUnavailableException s ->
                new FieldError("sealId", "sealing.problem.seseal-unavailable", "seseal-unavailable", s.getMessage());
            case SealingApprovalRequiredException a ->
                new FieldError(
                        "sealId",
                        "sealing.problem.sealing-approval-required",
                        "sealing-approval-required",
                        a.getMessage());
            case IllegalArgumentException i -> new FieldError("form", "sealing.error.INVALID", "", i.getMessage());
            default -> throw e;
        };
    }

    private static void common(ConsoleUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("fmt", new SealConsoleController.Format());
    }
}
