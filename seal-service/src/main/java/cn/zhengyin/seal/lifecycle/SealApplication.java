package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.seal.SealType;

/** What an applicant asks for: a seal of this type and name for the organisation, valid in the period. */
public record SealApplication(
        Organisation organisation, SealType type, String kindName, String name, ValidityPeriod validity) {}
