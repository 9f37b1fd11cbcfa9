package cn.zhengyin.licence.registry;

import java.net.URI;

/**
 * Where the service is publicly reachable (configuration {@code zhengyin.public-base-url}): the base of the links
 * printed in QR codes, handed out with shares and shown in copies.
 *
 * @param baseUrl e.g. https://licence.example.gov.cn
 */
public record PublicLinks(URI baseUrl) {

    /** The base URL without a trailing slash. */
    public String base() {
        return baseUrl.toString().replaceAll("/+$", "");
    }

    /** The public verification page of a licence version ({@code /v/<identifier>}). */
    public String verificationPage(String identifier) {
        return base() + "/v/" + identifier;
    }

    /** The public page of a share ({@code /s/<id>}). */
    public String sharePage(String shareId) {
        return baseUrl.resolve("/s/" + shareId).toString();
    }
}
