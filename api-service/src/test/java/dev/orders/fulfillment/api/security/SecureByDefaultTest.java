package dev.orders.fulfillment.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** The API's security chain alone, on its application.yaml: it will not start unguarded by accident. */
class SecureByDefaultTest {

    private final WebApplicationContextRunner api = new WebApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(OAuth2ResourceServerAutoConfiguration.class))
            .withUserConfiguration(Security.class, ApiSecurityConfig.class, RateLimits.class, Callers.class)
            .withBean(
                    "handlerExceptionResolver",
                    HandlerExceptionResolver.class,
                    () -> (request, response, handler, failure) -> null);

    @Test
    void withNoSettingAtAllItRefusesToStartAndSaysWhatToSet() {
        api.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new JwtNotConfiguredFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("orders.security.mode is jwt unless set");
            assertThat(analysis.getAction())
                    .contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")
                    .contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION")
                    .contains("ORDERS_SECURITY_MODE=open");
        });
    }

    @Test
    void withAKeyToVerifyTokensItStarts(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(
                dir.resolve("jwt-public.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(KeyPairGenerator.getInstance("RSA")
                                        .generateKeyPair()
                                        .getPublic()
                                        .getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        api.withPropertyValues("spring.security.oauth2.resourceserver.jwt.public-key-location=" + key.toUri())
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .getBeans(SecurityFilterChain.class)
                        .containsOnlyKeys("documentation", "api"));
    }

    @Test
    void openModeIsAnExplicitChoice() {
        api.withPropertyValues("orders.security.mode=open")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .getBeans(SecurityFilterChain.class)
                        .containsOnlyKeys("documentation", "api"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @EnableConfigurationProperties({ApiSecurityProperties.class, RateLimitProperties.class})
    static class Security {}
}
