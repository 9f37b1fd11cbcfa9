package cn.zhengyin.licence.transparency;

import java.time.Instant;

/**
 * Published (synchronously) once for each licence event newly appended to the transparency log: a retried or
 * recovered append that finds its leaf already logged publishes nothing, so listeners count each event once. Carries
 * no holder data. Listeners must not fail the append.
 *
 * @param identifier the licence version's identifier
 * @param eventType  ISSUED, AMENDED, RENEWED, CORRECTED, SUSPENDED, REINSTATED, REVOKED or CANCELLED
 * @param at         the event's time
 */
public record LicenceEventLogged(String identifier, String typeCode, String issuerCode, String eventType, Instant at) {}
