package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.trustlist.TrustListException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the trust list is read from: a local file (a path or a {@code file:} URI), or an http/https URL that the
 * configuration's allow-list permits. Anything else is refused here, before anything is fetched.
 *
 * <p>Allow-list entries are URLs: an entry matches a URL with the same scheme, host and port and the same path, or,
 * if the entry's path ends with {@code /}, any path below it. Userinfo, fragments, queries (unless the entry has the
 * same one) and dot segments are refused.
 */
public sealed interface TrustListLocation {

    record File(Path path) implements TrustListLocation {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    record Url(URI uri) implements TrustListLocation {
        public Url {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }

    /**
     * @param location   a file path, a {@code file:} URI, or an http/https URL
     * @param allowedUrls the URL allow-list (ignored for files)
     * @throws TrustListException LOCATION_NOT_ALLOWED naming the reason; MALFORMED for unparsable text
     */
    static TrustListLocation of(String location, List<String> allowedUrls) {
        if (location == null || location.isBlank()) {
            throw new TrustListException(Reason.MALFORMED, "No trust list location is configured.");
        }
        String text = location.strip();
        int colon = text.indexOf(':');
        boolean hasScheme = colon > 1 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
        if (!hasScheme) {
            try {
                return new File(Path.of(text));
            } catch (InvalidPathException e) {
                throw new TrustListException(Reason.MALFORMED, "Trust list path '" + text + "' is not a path.", e);
            }
        }
        URI uri = parse(text, "Trust list location");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return new File(Path.of(uri));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TrustListException(
                    Reason.LOCATION_NOT_ALLOWED,
                    "Trust list location '" + text + "' uses '" + scheme + "'; only a file or an http/https URL on the"
                            + " allow-list is read.");
        }
        if (allowedUrls.stream().noneMatch(entry -> allows(parse(entry, "Allow-list entry"), uri))) {
            throw new TrustListException(
                    Reason.LOCATION_NOT_ALLOWED,
                    "Trust list URL '" + text + "' is not on the allow-list " + allowedUrls
                            + "; nothing was fetched. Add it to the configuration's allowed URLs if it is meant.");
        }
        return new Url(uri);
    }

    private static URI parse(String text, String what) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new TrustListException(Reason.MALFORMED, what + " '" + text + "' is not a URI: " + e.getMessage(), e);
        }
    }

    static boolean allows(URI entry, URI uri) {
        if (entry.getScheme() == null || uri.getHost() == null || entry.getHost() == null) {
            return false;
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return false;
        }
        if (!Objects.equals(uri.getRawQuery(), entry.getRawQuery())) {
            return false;
        }
        String path =
                Optional.ofNullable(uri.getRawPath()).filter(p -> !p.isEmpty()).orElse("/");
        if (!uri.normalize().getRawPath().equals(uri.getRawPath()) || path.contains("/../") || path.endsWith("/..")) {
            return false;
        }
        String entryPath = Optional.ofNullable(entry.getRawPath())
                .filter(p -> !p.isEmpty())
                .orElse("/");
        return entry.getScheme().equalsIgnoreCase(uri.getScheme())
                && entry.getHost().equalsIgnoreCase(uri.getHost())
                && port(entry) == port(uri)
                && (path.equals(entryPath) || (entryPath.endsWith("/") && path.startsWith(entryPath)));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
