package cn.zhengyin.licence.statistics.internal;

import cn.zhengyin.licence.fieldreuse.UsageRecorded;
import cn.zhengyin.licence.statistics.StatisticsCounting;
import cn.zhengyin.licence.transparency.LicenceEventLogged;
import cn.zhengyin.licence.verification.VerificationConcluded;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Counts as things happen: licence events as the transparency log appends them (once each), every verification's
 * conclusion, and every usage record of a field release. Synchronous, one atomic single-document update each; a
 * failure is logged and never fails what was counted.
 */
class StatisticsListener {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsListener.class);
    private final StatisticsCounting counting;
    private final Clock clock;

    StatisticsListener(StatisticsCounting counting, Clock clock) {
        this.counting = counting;
        this.clock = clock;
    }

    @EventListener
    void on(LicenceEventLogged event) {
        try {
            counting.licenceEvent(event.typeCode(), event.issuerCode(), event.eventType(), event.at());
        } catch (RuntimeException e) {
            LOG.warn("licence event {} of {} not counted: {}", event.eventType(), event.identifier(), e.toString());
        }
    }

    @EventListener
    void on(VerificationConcluded event) {
        try {
            counting.verification(event.conclusion(), event.identifier(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("verification ({}) not counted: {}", event.conclusion(), e.toString());
        }
    }

    @EventListener
    void on(UsageRecorded event) {
        try {
            counting.usage(event.record());
        } catch (RuntimeException e) {
            LOG.warn("usage record {} not counted: {}", event.record().id(), e.toString());
        }
    }
}
