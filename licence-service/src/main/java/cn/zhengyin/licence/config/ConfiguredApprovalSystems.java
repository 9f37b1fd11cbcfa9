package cn.zhengyin.licence.config;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.config.LicenceServiceProperties.ApprovalSystem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The approval systems of {@code zhengyin.approval-systems}, checked once at start-up. Each authority seals with its
 * own seal, so the configuration is refused (the service does not start) when
 *
 * <ul>
 *   <li>an approval system has no {@code issuer-code}, {@code issuer-name} or {@code seal-id} (there is no default
 *       seal);
 *   <li>two approval systems act for the same issuer code but name different seals (an authority has one seal for its
 *       licences: its 加注件 are sealed with it too, looked up by the licence's issuer code);
 *   <li>two approval systems of different issuer codes name the same seal (a seal belongs to one organisation; the seal
 *       service would refuse to sign for the other one anyway).
 * </ul>
 */
final class ConfiguredApprovalSystems implements ApprovalSystems {
    private final Map<String, IssuingAuthority> byClient;
    private final Map<String, String> sealByIssuer;

    private ConfiguredApprovalSystems(Map<String, IssuingAuthority> byClient, Map<String, String> sealByIssuer) {
        this.byClient = Map.copyOf(byClient);
        this.sealByIssuer = Map.copyOf(sealByIssuer);
    }

    /** @throws IllegalStateException naming every problem when the configuration does not give one seal an authority */
    static ConfiguredApprovalSystems of(Map<String, ApprovalSystem> configured) {
        List<String> problems = new ArrayList<>();
        Map<String, IssuingAuthority> byClient = new LinkedHashMap<>();
        Map<String, String> sealByIssuer = new TreeMap<>();
        Map<String, String> clientByIssuer = new TreeMap<>();
        Map<String, String> issuerBySeal = new TreeMap<>();
        Map<String, String> clientBySeal = new TreeMap<>();
        for (Map.Entry<String, ApprovalSystem> e : new TreeMap<>(configured).entrySet()) {
            String client = e.getKey();
            ApprovalSystem a = e.getValue();
            String prefix = "zhengyin.approval-systems." + client + ": ";
            if (blank(a.issuerCode())) {
                problems.add(prefix + "issuer-code is not set");
            }
            if (blank(a.issuerName())) {
                problems.add(prefix + "issuer-name is not set");
            }
            if (blank(a.sealId())) {
                problems.add(
                        prefix + "seal-id is not set (each authority seals with its own seal; there is no default)");
            }
            if (blank(a.issuerCode()) || blank(a.sealId())) {
                continue;
            }
            String knownSeal = sealByIssuer.putIfAbsent(a.issuerCode(), a.sealId());
            if (knownSeal != null && !knownSeal.equals(a.sealId())) {
                problems.add(prefix + "issuer " + a.issuerCode() + " is sealed with " + knownSeal + " by "
                        + clientByIssuer.get(a.issuerCode()) + " but with " + a.sealId()
                        + " here; an authority has one seal");
            }
            clientByIssuer.putIfAbsent(a.issuerCode(), client);
            String knownIssuer = issuerBySeal.putIfAbsent(a.sealId(), a.issuerCode());
            if (knownIssuer != null && !knownIssuer.equals(a.issuerCode())) {
                problems.add(prefix + "seal " + a.sealId() + " is already the seal of issuer " + knownIssuer + " ("
                        + clientBySeal.get(a.sealId()) + "); a seal belongs to one authority, not also to "
                        + a.issuerCode());
            }
            clientBySeal.putIfAbsent(a.sealId(), client);
            byClient.put(
                    client,
                    new IssuingAuthority(a.issuerName(), a.issuerCode(), a.sealId(), new HashSet<>(a.licenceTypes())));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid approval systems configuration: " + String.join("; ", problems));
        }
        return new ConfiguredApprovalSystems(byClient, sealByIssuer);
    }

    @Override
    public Optional<IssuingAuthority> find(String clientId) {
        return Optional.ofNullable(byClient.get(clientId));
    }

    @Override
    public SortedSet<String> clientIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byClient.keySet()));
    }

    @Override
    public Optional<String> sealOf(String issuerCode) {
        return Optional.ofNullable(sealByIssuer.get(issuerCode));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
