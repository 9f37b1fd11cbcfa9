package cn.zhengyin.licence.architecture.cycle;

@org.springframework.modulith.Modulithic
/** Fixture for ModularityTests: the root of two "modules" that use each other (a deliberate cycle). */
public final class LicenceCycleFixtureApplication {
    private LicenceCycleFixtureApplication() {}
}
