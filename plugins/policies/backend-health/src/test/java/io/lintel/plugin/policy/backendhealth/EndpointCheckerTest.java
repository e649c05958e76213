package io.lintel.plugin.policy.backendhealth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyEndpoint;
import io.lintel.spi.policy.ServicePolicyTarget;
import io.lintel.spi.config.ResourceKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The verdicts of a checker, driven check by check with answers of a fake endpoint access (no timers). */
class EndpointCheckerTest {

    private static final PolicyEndpoint ENDPOINT = new PolicyEndpoint("10.0.0.1", 8080);
    private static final BackendHealthSpec SPEC = new BackendHealthSpec("/healthz", List.of(200, 204),
            Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3);

    /** Answers every call with the next queued answer (a status, or a failure when null), recording requests. */
    private static final class FakeAccess implements EndpointAccess {
        final List<Integer> answers = new ArrayList<>();
        final List<CalloutRequest> requests = new ArrayList<>();
        final List<String> reports = new ArrayList<>();
        CompletableFuture<CalloutResponse> pending;

        @Override
        public CompletionStage<CalloutResponse> call(PolicyEndpoint endpoint, CalloutRequest request) {
            requests.add(request);
            if (answers.isEmpty()) {
                pending = new CompletableFuture<>();
                return pending;
            }
            Integer status = answers.remove(0);
            return status == null ? CompletableFuture.failedFuture(new IOException("connection refused"))
                    : CompletableFuture.completedFuture(new CalloutResponse(status, List.of(), new byte[0]));
        }

        @Override
        public void report(PolicyEndpoint endpoint, boolean healthy) {
            reports.add(endpoint + (healthy ? " healthy" : " unhealthy"));
        }

        @Override
        public void forget(PolicyEndpoint endpoint) {
            reports.add(endpoint + " forgotten");
        }
    }

    private final FakeAccess access = new FakeAccess();
    private final EndpointChecker checker = new EndpointChecker(ENDPOINT, SPEC, "shop/api:http", access, null, 65_536);

    private void check(Integer... answers) {
        for (Integer answer : answers) {
            access.answers.add(answer);
            checker.check();
        }
    }

    @Test
    void sendsTheConfiguredCheck() {
        check(200);

        CalloutRequest request = access.requests.get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo("/healthz");
        assertThat(request.authority()).isEqualTo("10.0.0.1:8080");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFirstPassReportsHealthyAndFailuresBelowTheThresholdChangeNothing() {
        check(200, 503, null);

        assertThat(access.reports).containsExactly("10.0.0.1:8080 healthy");
        assertThat(checker.healthy()).isTrue();
    }

    @Test
    void unhealthyThresholdFailuresInARowTakeItOutAndHealthyThresholdPassesBringItBack() {
        check(200, 500, null, 200, 500, 503, null);
        assertThat(access.reports).containsExactly("10.0.0.1:8080 healthy", "10.0.0.1:8080 unhealthy");

        check(204, 500, 200);
        assertThat(checker.healthy()).as("one pass, a failure, one pass: not two in a row").isFalse();

        check(200);
        assertThat(access.reports).containsExactly("10.0.0.1:8080 healthy", "10.0.0.1:8080 unhealthy",
                "10.0.0.1:8080 healthy");
    }

    @Test
    void anEndpointFailingFromTheStartIsReportedUnhealthyAtTheThreshold() {
        check(null, null);
        assertThat(access.reports).isEmpty();

        check((Integer) null);
        assertThat(access.reports).containsExactly("10.0.0.1:8080 unhealthy");
    }

    @Test
    void aCheckStillWaitingMakesTheNextOneSkip() {
        checker.check();
        checker.check();
        assertThat(access.requests).hasSize(1);

        access.pending.complete(new CalloutResponse(200, List.of(), new byte[0]));
        checker.check();
        assertThat(access.requests).as("answered: the next check goes out").hasSize(2);
    }

    @Test
    void aStoppedCheckerIgnoresLateResults() {
        checker.check();
        checker.stop();
        access.pending.complete(new CalloutResponse(200, List.of(), new byte[0]));

        assertThat(access.reports).isEmpty();
    }

    @Test
    void endpointsNoPolicyAppliesToAnyMoreAreForgotten() {
        // checks an hour apart: none is due while the test runs
        BackendHealthSpec hourly = new BackendHealthSpec("/healthz", List.of(200), Duration.ofHours(1),
                Duration.ofSeconds(1), 2, 3);
        HealthChecks checks = new HealthChecks(65_536);
        ServicePolicyTarget target = new ServicePolicyTarget(new ResourceKey("lintel.io", "BackendHealthPolicy",
                "shop", "health"), hourly, "shop", "api", "http", List.of(ENDPOINT, new PolicyEndpoint("10.0.0.2", 8080)));
        checks.apply(List.of(target), access);
        assertThat(checks.size()).isEqualTo(2);

        checks.apply(List.of(new ServicePolicyTarget(target.policy(), hourly, "shop", "api", "http",
                List.of(ENDPOINT))), access);
        assertThat(checks.size()).isEqualTo(1);
        assertThat(access.reports).containsExactly("10.0.0.2:8080 forgotten");

        checks.apply(List.of(), access);
        assertThat(checks.size()).isZero();
        assertThat(access.reports).containsExactly("10.0.0.2:8080 forgotten", "10.0.0.1:8080 forgotten");
    }

}
