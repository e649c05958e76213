package io.lintel.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExplainTextTest {

    private static final String DOCUMENT = """
            {"request": {"method": "GET", "host": "shop.example.com", "path": "/api/x",
                         "headers": [{"name": "x-env", "value": "prod"}], "query": [], "listener": null},
             "explanations": [{"socket": "127.0.0.1:8080", "protocol": "HTTP", "host": "shop.example.com",
               "path": "/api/x",
               "listeners": [{"name": "gateway/default/gw/listener/other", "hostname": "other.example.com",
                              "verdict": "HOST_MISMATCH", "routes": []},
                             {"name": "gateway/default/gw/listener/http", "hostname": "*", "verdict": "SELECTED",
                              "routes": []}],
               "virtualHosts": [{"name": "shop.example.com", "hostname": "shop.example.com", "verdict": "SELECTED",
                                 "routes": ["httproute/default/web"]},
                                {"name": "*", "hostname": "*", "verdict": "LESS_SPECIFIC",
                                 "routes": ["httproute/default/fallback"]}],
               "matches": [{"match": "httproute/default/web/rule/0/match/0", "route": "httproute/default/web",
                            "rule": "httproute/default/web/rule/0", "ruleName": "canary",
                            "mismatch": {"field": "header", "name": "x-env", "required": "Exact canary",
                                         "actual": "prod"},
                            "reason": "header x-env: requires Exact canary, request has prod"},
                           {"match": "httproute/default/web/rule/1/match/0", "route": "httproute/default/web",
                            "rule": "httproute/default/web/rule/1", "ruleName": "", "mismatch": null,
                            "reason": null}],
               "matchesNotShown": 0,
               "result": {"matched": true, "listener": "gateway/default/gw/listener/http",
                          "route": "httproute/default/web", "rule": "httproute/default/web/rule/1", "ruleName": "",
                          "directResponseStatus": 0,
                          "backends": [{"name": "default/s:80", "weight": 1, "errorStatus": 0,
                                        "endpoints": [{"address": "10.0.0.1", "port": 80, "ejected": false},
                                                      {"address": "10.0.0.2", "port": 80, "ejected": true}]}]},
               "notes": []}]}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void printsThePathOfTheRequestAndWhyEachEarlierCandidateWasPassedOver() {
        StringWriter text = new StringWriter();

        new ExplainText(new PrintWriter(text)).print(JsonMapper.builder().build().readValue(DOCUMENT, Map.class));

        assertThat(text.toString().lines()).containsExactly(
                "request: GET shop.example.com/api/x headers x-env: prod",
                "",
                "socket 127.0.0.1:8080 (HTTP), host shop.example.com, path /api/x",
                "  listeners:",
                "    - gateway/default/gw/listener/other (hostname other.example.com): does not cover the host",
                "    + gateway/default/gw/listener/http (hostname *): selected",
                "  route hostnames:",
                "    + shop.example.com: selected (routes: httproute/default/web)",
                "    - *: covers the host, but a more specific hostname was selected (routes: httproute/default/fallback)",
                "  matches, in precedence order:",
                "    - 1. httproute/default/web/rule/0/match/0 (name canary): header x-env: requires Exact canary, request has prod",
                "    + 2. httproute/default/web/rule/1/match/0: matches",
                "  => listener gateway/default/gw/listener/http, route httproute/default/web, rule httproute/default/web/rule/1",
                "     backend default/s:80 (weight 1): 1/2 endpoints healthy (10.0.0.1:80, 10.0.0.2:80 ejected)");
    }

    @Test
    void aHeaderOptionTakesEqualsOrColon() {
        assertThat(ExplainCommand.headerParameter("x-env=canary")).hasValue("x-env:canary");
        assertThat(ExplainCommand.headerParameter("x-env:a=b")).hasValue("x-env:a=b");
        assertThat(ExplainCommand.headerParameter("=x")).isEqualTo(Optional.empty());
    }

    @Test
    void describeKindsTakeKubectlSpellings() {
        assertThat(DescribeCommand.kindMatches("gw", "Gateway")).isTrue();
        assertThat(DescribeCommand.kindMatches("httproutes", "HTTPRoute")).isTrue();
        assertThat(DescribeCommand.kindMatches("route", "GRPCRoute")).isTrue();
        assertThat(DescribeCommand.kindMatches("gatewayclasses", "GatewayClass")).isTrue();
        assertThat(DescribeCommand.kindMatches("backendtlspolicy", "BackendTLSPolicy")).isTrue();
        assertThat(DescribeCommand.kindMatches("httproute", "Gateway")).isFalse();
    }
}
