package cn.zhengyin.licence.statistics.internal;

import cn.zhengyin.licence.fieldreuse.ThirdParties;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.statistics.StatisticsCounting;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the daily counters (backfilled once at start-up), the listener that counts, and the page. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatisticsProperties.class)
class StatisticsConfiguration {

    @Bean
    MongoDailyCounters dailyCounters(MongoDatabase database, Clock clock) {
        MongoDailyCounters counters = new MongoDailyCounters(database);
        StatisticsBackfill.runOnce(database, counters, clock);
        return counters;
    }

    @Bean
    StatisticsListener statisticsListener(MongoDailyCounters counters, Clock clock) {
        return new StatisticsListener(new StatisticsCounting(counters), clock);
    }

    @Bean
    StatisticsPage statisticsPage(MessageSource messages, LicenceTypeCatalogue types, ThirdParties thirdParties) {
        return new StatisticsPage(messages, types, thirdParties);
    }
}
