package cn.zhengyin.seal;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The electronic seal service (电子签章服务). Configuration: {@code seal-service.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SealServiceApplication {
    /** Name of the configuration file, distinct from the licence service's so both can share a class path in tests. */
    public static final String CONFIG_NAME = "seal-service";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SealServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
