package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.sealing.JointSealing;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import java.util.List;
import java.util.function.Supplier;

/** {@link JointSealing} with the seal service: {@link SealServiceClient#together} groups the sealings' calls. */
final class SealServiceJointSealing implements JointSealing {
    private final SealServiceClient sealService;

    SealServiceJointSealing(SealServiceClient sealService) {
        this.sealService = sealService;
    }

    @Override
    public <T> List<T> together(List<Supplier<T>> sealings) {
        return sealService.together(sealings);
    }
}
