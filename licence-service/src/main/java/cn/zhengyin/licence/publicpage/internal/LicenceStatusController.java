package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.licence.receipt.ReportReceipts;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code GET /v/{identifier}}: the address in the QR code on every licence. People get a page, machines
 * ({@code Accept: application/json}) the same facts as JSON. Public.
 */
@Controller
class LicenceStatusController {
    private final LicenceStatusPage page;
    private final ReportReceipts receipts;
    private final cn.zhengyin.licence.authority.ApprovalSystems approvalSystems;

    LicenceStatusController(
            LicenceStatusPage page,
            ReportReceipts receipts,
            cn.zhengyin.licence.authority.ApprovalSystems approvalSystems) {
        this.page = page;
        this.receipts = receipts;
        this.approvalSystems = approvalSystems;
    }

    /** The JSON answer: the status fields plus {@code receipt}, the same status signed as a JWS (docs/verification.md). */
    public record SignedPublicStatus(@JsonUnwrapped LicenceStatusPage.PublicStatus status, String receipt) {}

    @GetMapping(value = "/v/{identifier}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<SignedPublicStatus> json(@PathVariable String identifier) {
        LicenceStatusPage.PublicStatus status = page.lookUp(identifier);
        return ResponseEntity.status(status.found() ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                .body(new SignedPublicStatus(status, receipts.sign(ReportReceipts.KIND_STATUS, status)));
    }

    @GetMapping(value = "/v/{identifier}", produces = MediaType.TEXT_HTML_VALUE)
    String html(@PathVariable String identifier, Model model, jakarta.servlet.http.HttpServletResponse response) {
        LicenceStatusPage.PublicStatus status = page.lookUp(identifier);
        if (!status.found()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("s", status);
        // who decided, as people know them: the authority of the approval system, not its client id
        model.addAttribute(
                "byName",
                status.notInForce()
                        .flatMap(cn.zhengyin.trust.validation.NotInForce::by)
                        .map(by -> approvalSystems
                                .find(by)
                                .map(cn.zhengyin.licence.authority.IssuingAuthority::name)
                                .orElse(by))
                        .orElse(""));
        model.addAttribute(
                "since",
                status.notInForce()
                        .flatMap(cn.zhengyin.trust.validation.NotInForce::since)
                        .map(cn.zhengyin.licence.pages.Views::time)
                        .orElse(""));
        // a licence no longer in force: its validity ended that day, not "长期" (issue #15)
        model.addAttribute(
                "sinceDay",
                status.notInForce()
                        .flatMap(cn.zhengyin.trust.validation.NotInForce::since)
                        .map(at -> at.atZone(cn.zhengyin.trust.ChinaTime.ZONE)
                                .toLocalDate()
                                .toString())
                        .orElse(""));
        return "licence-status";
    }
}
