package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.trustlist.TrustListException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the trust list from its configured location, verifies it ({@link TrustListVerifier}) and caches it.
 *
 * <ul>
 *   <li>{@link #current()} re-reads the list when the refresh interval has passed (or after a failure, when the retry
 *       interval has passed) and returns what is in force;</li>
 *   <li>a list replaces the one in force only if it verifies and has a higher sequence number; the same sequence
 *       number keeps the list in force; a lower one is refused (rollback);</li>
 *   <li>when reading or verifying fails, the previous good list stays in force until its nextUpdate; after that, or
 *       if no list was ever good, {@link #current()} fails closed with the last error;</li>
 *   <li>URLs not on the allow-list are refused when the loader is built, before anything is fetched.</li>
 * </ul>
 * All time comes from the injected clock. Thread-safe (one refresh at a time).
 */
public final class TrustListLoader {

    /**
     * @param location          a file path, {@code file:} URI or an http/https URL
     * @param allowedUrls       the URL allow-list (see {@link TrustListLocation})
     * @param refreshInterval   how often a good list is re-read
     * @param retryAfterFailure how soon a failed read or check is retried
     */
    public record Configuration(
            String location, List<String> allowedUrls, Duration refreshInterval, Duration retryAfterFailure) {
        public Configuration {
            Objects.requireNonNull(location, "location");
            allowedUrls = List.copyOf(allowedUrls);
            requirePositive(refreshInterval, "refreshInterval");
            requirePositive(retryAfterFailure, "retryAfterFailure");
        }

        /** Refresh hourly, retry a minute after a failure. */
        public static Configuration of(String location, List<String> allowedUrls) {
            return new Configuration(location, allowedUrls, Duration.ofHours(1), Duration.ofMinutes(1));
        }

        private static void requirePositive(Duration duration, String what) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new TrustListException(Reason.MALFORMED, what + " must be a positive duration, not " + duration);
            }
        }
    }

    /** What the loader holds, for health reports and logs. */
    public record Status(
            Optional<VerifiedTrustList> inForce,
            Optional<Instant> lastAttempt,
            Optional<TrustListException> lastFailure) {}

    private final TrustListLocation location;
    private final Configuration configuration;
    private final TrustListVerifier verifier;
    private final TrustListFetcher fetcher;
    private final AcceptedSequence acceptedSequence;
    private final Clock clock;

    private VerifiedTrustList inForce;
    private Instant lastAttempt;
    private Instant nextAttempt;
    private TrustListException lastFailure;

    /**
     * @throws TrustListException LOCATION_NOT_ALLOWED or MALFORMED for a location that may not be read
     */
    public TrustListLoader(
            Configuration configuration,
            TrustListVerifier verifier,
            TrustListFetcher fetcher,
            AcceptedSequence acceptedSequence,
            Clock clock) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.location = TrustListLocation.of(configuration.location(), configuration.allowedUrls());
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.acceptedSequence = Objects.requireNonNull(acceptedSequence, "acceptedSequence");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With {@link TrustListFetcher#http()} and {@link AcceptedSequence#inMemory()}. */
    public TrustListLoader(Configuration configuration, TrustListVerifier verifier, Clock clock) {
        this(configuration, verifier, TrustListFetcher.http(), AcceptedSequence.inMemory(), clock);
    }

    public TrustListLocation location() {
        return location;
    }

    /**
     * The list in force now, refreshed first if due.
     *
     * @throws TrustListException if no verified, non-stale list is available (fail closed); the reason and message
     *                            are those of the last failure, or STALE
     */
    public synchronized TrustListAnchors current() {
        Instant now = clock.instant();
        if (nextAttempt == null || !now.isBefore(nextAttempt)) {
            refreshAt(now);
        }
        if (inForce != null && inForce.inForceAt(now)) {
            return inForce.anchors();
        }
        if (inForce != null) {
            throw new TrustListException(
                    Reason.STALE,
                    "The trust list in force (sequence "
                            + inForce.list().scheme().sequenceNumber()
                            + ") passed its nextUpdate "
                            + inForce.list().scheme().nextUpdate()
                            + " and no newer list could be loaded from " + location
                            + (lastFailure != null ? ": " + lastFailure.getMessage() : "")
                            + " Lists from other regions are not trusted until it is.",
                    lastFailure);
        }
        if (lastFailure != null) {
            throw new TrustListException(
                    lastFailure.reason(), "No trust list is in force: " + lastFailure.getMessage(), lastFailure);
        }
        throw new TrustListException(Reason.UNAVAILABLE, "No trust list is in force.");
    }

    /** Reads and verifies the list now, whatever the schedule. */
    public synchronized void refresh() {
        refreshAt(clock.instant());
    }

    public synchronized Status status() {
        return new Status(
                Optional.ofNullable(inForce), Optional.ofNullable(lastAttempt), Optional.ofNullable(lastFailure));
    }

    private void refreshAt(Instant now) {
        lastAttempt = now;
        try {
            VerifiedTrustList candidate = verifier.verify(read(), acceptedSequence.highest());
            long sequence = candidate.list().scheme().sequenceNumber();
            if (inForce == null || sequence > inForce.list().scheme().sequenceNumber()) {
                inForce = candidate;
            }
            acceptedSequence.accepted(sequence);
            lastFailure = null;
            nextAttempt = now.plus(configuration.refreshInterval());
        } catch (TrustListException e) {
            lastFailure = e;
            nextAttempt = now.plus(configuration.retryAfterFailure());
        }
    }

    private byte[] read() {
        try {
            return switch (location) {
                case TrustListLocation.File file -> {
                    long size = Files.size(file.path());
                    if (size > TrustListVerifier.MAX_LIST_BYTES) {
                        throw new TrustListException(
                                Reason.MALFORMED,
                                file.path() + " has " + size + " bytes; a trust list may have at most "
                                        + TrustListVerifier.MAX_LIST_BYTES);
                    }
                    yield Files.readAllBytes(file.path());
                }
                case TrustListLocation.Url url -> fetcher.fetch(url.uri());
            };
        } catch (NoSuchFileException e) {
            throw new TrustListException(
                    Reason.UNAVAILABLE, "The trust list file " + e.getFile() + " does not exist.", e);
        } catch (IOException e) {
            throw new TrustListException(
                    Reason.UNAVAILABLE, "The trust list cannot be read from " + location + ": " + e.getMessage(), e);
        }
    }
}
