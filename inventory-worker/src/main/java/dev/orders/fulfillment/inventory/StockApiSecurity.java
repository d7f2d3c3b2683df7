package dev.orders.fulfillment.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The stock API answers api-service only: a service credential (Spring Boot's {@code spring.security.user}, over
 * HTTP Basic) rather than the callers' tokens, because inventory is no public API, and it must keep answering the
 * catalog for api-service whatever mode api-service runs in. Health stays open for the probes.
 */
@Configuration(proxyBeanMethods = false)
class StockApiSecurity {

    @Bean
    SecurityFilterChain stockApi(HttpSecurity http) throws Exception {
        // one caller sending a password on every request: no sessions, cookies or CSRF tokens to keep
        return http.csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(Customizer.withDefaults())
                .build();
    }
}
