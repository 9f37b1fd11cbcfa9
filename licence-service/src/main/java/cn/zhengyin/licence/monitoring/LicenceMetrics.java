package cn.zhengyin.licence.monitoring;

import cn.zhengyin.service.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The licence service's own metrics (names as Micrometer writes them; Prometheus adds {@code _total} to counters and
 * {@code _seconds_count|_sum|_bucket} to timers). Recorded by the features' adapters (controllers, the bulk importer),
 * never by the domain code. Every label has a bounded set of values and no personal data: a licence type is its type
 * code, an authority its unified social credit code (an organisation's, public on every licence it issues), and
 * anything a caller made up (an unknown type, a client that is no approval system) is {@value #UNKNOWN}.
 *
 * <table>
 * <caption>metrics</caption>
 * <tr><th>name</th><th>kind</th><th>labels</th></tr>
 * <tr><td>{@value #ISSUANCES}</td><td>timer (histogram)</td><td>type, authority, outcome</td></tr>
 * <tr><td>{@value #CHANGES}</td><td>timer (histogram)</td><td>change, type, authority, outcome</td></tr>
 * <tr><td>{@value #VERIFICATIONS}</td><td>timer (histogram)</td><td>format, policy, conclusion, channel</td></tr>
 * <tr><td>{@value #FIELD_RELEASES}</td><td>counter</td><td>basis, kind, outcome</td></tr>
 * <tr><td>{@value #SHARES}</td><td>counter</td><td>event</td></tr>
 * <tr><td>{@value #IMPORT_LINES}</td><td>counter</td><td>result</td></tr>
 * </table>
 *
 * <p>{@code outcome} is {@code issued}, {@code changed} or {@code replayed} (an idempotent retry), {@code released},
 * else the problem type's slug of the refusal (e.g. {@code not-permitted}, {@code validation-failed},
 * {@code sealing-failed}) or {@code error} for an unexpected failure.
 */
public final class LicenceMetrics {
    public static final String ISSUANCES = "zhengyin.licence.issuances";
    public static final String CHANGES = "zhengyin.licence.changes";
    public static final String VERIFICATIONS = "zhengyin.licence.verifications";
    public static final String FIELD_RELEASES = "zhengyin.field.releases";
    public static final String SHARES = "zhengyin.shares";
    public static final String IMPORT_LINES = "zhengyin.licence.import.lines";
    public static final String UNKNOWN = "unknown";
    /** The outcome of an unexpected failure (a 500). */
    public static final String ERROR = "error";

    private final MeterRegistry registry;
    private final Function<String, Optional<String>> authorityOfClient;
    private final Function<String, Optional<String>> typeCodeOf;

    /**
     * @param authorityOfClient the issuer code of the authority an approval system (OAuth2 client id) acts for
     * @param typeCodeOf        the type code of a licence type named by code or template name
     */
    public LicenceMetrics(
            MeterRegistry registry,
            Function<String, Optional<String>> authorityOfClient,
            Function<String, Optional<String>> typeCodeOf) {
        this.registry = registry;
        this.authorityOfClient = authorityOfClient;
        this.typeCodeOf = typeCodeOf;
    }

    /** Metrics kept in memory only (for code used without the service, e.g. in tests). */
    public static LicenceMetrics discarding() {
        return new LicenceMetrics(new SimpleMeterRegistry(), c -> Optional.empty(), t -> Optional.empty());
    }

    /** Starts timing an operation. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /**
     * An issuance ({@code POST /api/v1/licences}) finished.
     *
     * @param licenceType the type code or template name the request named (normalised to the type code)
     */
    public void issuance(Timer.Sample sample, String clientId, String licenceType, String outcome) {
        sample.stop(Timer.builder(ISSUANCES)
                .description("licence issuances by type, authority and outcome")
                .tag("type", type(licenceType))
                .tag("authority", authority(clientId))
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }

    /**
     * A change of an issued licence finished: a new version ({@code amend}, {@code renew}, {@code correct}) or a status
     * change ({@code suspend}, {@code reinstate}, {@code revoke}, {@code cancel}).
     */
    public void change(Timer.Sample sample, String change, String clientId, String licenceType, String outcome) {
        sample.stop(Timer.builder(CHANGES)
                .description("licence amendments, renewals, corrections and status changes by type, authority and"
                        + " outcome")
                .tag("change", change.toLowerCase(Locale.ROOT))
                .tag("type", type(licenceType))
                .tag("authority", authority(clientId))
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }

    /**
     * A verification answered.
     *
     * @param format     {@code pdf}, {@code xml}, {@code ses} or {@code hash}
     * @param policy     the validation policy's id ({@code licence}, {@code baseline})
     * @param conclusion VALID, NOT_IN_FORCE, FAILED, INDETERMINATE, or {@code ERROR} when no report came out
     * @param channel    {@code api} ({@code /api/v1/verifications}) or {@code page} (the public {@code /verify})
     */
    public void verification(Timer.Sample sample, String format, String policy, String conclusion, String channel) {
        sample.stop(Timer.builder(VERIFICATIONS)
                .description("verifications by format, policy and conclusion")
                .tag("format", format)
                .tag("policy", policy)
                .tag("conclusion", conclusion)
                .tag("channel", channel)
                .publishPercentileHistogram()
                .register(registry));
    }

    /**
     * Fields released to a third party, or refused.
     *
     * @param basis {@code consent}, {@code use-code} or {@code duty}
     * @param kind  {@code fields} (a signed field release) or {@code annotated-copy} (加注件)
     */
    public void fieldRelease(String basis, String kind, String outcome) {
        Counter.builder(FIELD_RELEASES)
                .description("field releases to third parties by basis (consent, use code, duty)")
                .tag("basis", basis)
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A share (亮证) {@code created}, {@code opened} (its page viewed) or {@code withdrawn}. */
    public void share(String event) {
        Counter.builder(SHARES)
                .description("shares created, opened and withdrawn")
                .tag("event", event)
                .register(registry)
                .increment();
    }

    /** One line of a bulk import: {@code issued}, {@code already-issued} or {@code rejected}. */
    public void importLine(String result) {
        Counter.builder(IMPORT_LINES)
                .description("bulk import lines by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    /** The outcome label of a failure: a problem's type slug, else {@value #ERROR}. */
    public static String outcomeOf(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            String type = problem.type().toString();
            return type.substring(type.lastIndexOf('/') + 1);
        }
        return ERROR;
    }

    private String type(String licenceType) {
        return licenceType == null ? UNKNOWN : typeCodeOf.apply(licenceType).orElse(UNKNOWN);
    }

    private String authority(String clientId) {
        return clientId == null ? UNKNOWN : authorityOfClient.apply(clientId).orElse(UNKNOWN);
    }
}
