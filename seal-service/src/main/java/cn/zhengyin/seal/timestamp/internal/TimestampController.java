package cn.zhengyin.seal.timestamp.internal;

import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The development time-stamping authority over HTTP (RFC 3161 §3.4): POST a DER TimeStampReq as
 * {@code application/timestamp-query}, get a DER TimeStampResp as {@code application/timestamp-reply}.
 */
@RestController
class TimestampController {
    static final int MAX_REQUEST_BYTES = 16 * 1024;
    private final TimestampAuthority authority;

    TimestampController(TimestampAuthority authority) {
        this.authority = authority;
    }

    @PostMapping(value = "/tsa", consumes = "application/timestamp-query", produces = "application/timestamp-reply")
    byte[] timestamp(@RequestBody byte[] request) {
        if (request.length > MAX_REQUEST_BYTES) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "request-too-large",
                    "Request too large",
                    "a time-stamp request has at most " + MAX_REQUEST_BYTES + " bytes");
        }
        // a request the TSA cannot accept is answered in RFC 3161's own terms (a TimeStampResp with status rejection
        // and its failure info); an exception here is the TSA's own failure: a 500 with an error id, no internals
        return authority.respond(request);
    }
}
