package cn.zhengyin.trust.trustlist;

import java.util.Arrays;

/** An authority's status on the list, with the ETSI TS 119 612 §5.5.4 service status URIs. */
public enum AuthorityStatus {
    /** May issue the listed licence types within its authorisation period. */
    GRANTED("http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"),
    /** No longer recognised from the status starting time on. */
    WITHDRAWN("http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn");

    private final String uri;

    AuthorityStatus(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    static AuthorityStatus fromUri(String uri) {
        return Arrays.stream(values())
                .filter(s -> s.uri.equals(uri))
                .findFirst()
                .orElseThrow(() -> new TrustListException(
                        TrustListException.Reason.MALFORMED,
                        "ServiceStatus '" + uri + "' is not one of " + GRANTED.uri + ", " + WITHDRAWN.uri));
    }
}
