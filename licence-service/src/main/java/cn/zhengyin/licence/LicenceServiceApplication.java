package cn.zhengyin.licence;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The electronic licence store (电子证照库). Configuration: {@code licence-service.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LicenceServiceApplication {
    /** Name of the configuration file, distinct from the seal service's so both can share a class path in tests. */
    public static final String CONFIG_NAME = "licence-service";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LicenceServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
