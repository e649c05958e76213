package io.lintel.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code lintel get}'s rows from admin documents, and the same rows as a table and as JSON. */
class ResourceRowsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String STATUS = """
            {"items": [
              {"kind": "Gateway", "metadata": {"name": "gw", "namespace": "default"},
               "status": {"addresses": [{"type": "IPAddress", "value": "127.0.0.1"}],
                          "conditions": [{"type": "Accepted", "status": "True", "reason": "Accepted"},
                                         {"type": "Programmed", "status": "False", "reason": "AddressNotUsable"}],
                          "listeners": [{"name": "http", "attachedRoutes": 2}, {"name": "admin", "attachedRoutes": 0}]}},
              {"kind": "HTTPRoute", "metadata": {"name": "web", "namespace": "default"},
               "status": {"parents": [
                 {"parentRef": {"name": "gw", "namespace": "default", "sectionName": "http"},
                  "conditions": [{"type": "Accepted", "status": "True"}, {"type": "ResolvedRefs", "status": "True"}]},
                 {"parentRef": {"name": "edge", "namespace": "infra"},
                  "conditions": [{"type": "Accepted", "status": "False", "reason": "NotAllowedByListeners"},
                                 {"type": "ResolvedRefs", "status": "True"}]}]}}]}
            """;

    private static final String CONFIG = """
            {"sockets": [{"address": "127.0.0.1", "port": 8080, "protocol": "HTTP", "listeners": [
              {"name": "gateway/default/gw/listener/http", "hostname": "*", "virtualHosts": [
                {"hostname": "*", "matches": [{"name": "httproute/default/web/rule/0/match/0",
                  "rule": {"name": "httproute/default/web/rule/0", "backends": []}}]}]}]}]}
            """;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items() {
        return JsonTree.maps(((Map<String, Object>) JSON.readValue(STATUS, Map.class)).get("items"));
    }

    private static ConfigIndex config() {
        return new ConfigIndex(JSON.readValue(CONFIG, Map.class));
    }

    @Test
    void aGatewayRowHasItsConditionsListenersWithTheirSocketsAndAttachedRoutes() {
        Rows rows = ResourceRows.gateways(items().subList(0, 1), config());

        assertThat(rows.rows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("accepted", "True")
                .containsEntry("programmed", "False/AddressNotUsable")
                .containsEntry("addresses", List.of("127.0.0.1"))
                .containsEntry("listeners", List.of("http=127.0.0.1:8080", "admin=not-served"))
                .containsEntry("attachedRoutes", 2L));
        assertThat(table(rows)).containsExactly(
                "NAMESPACE   NAME   ACCEPTED   PROGRAMMED               ADDRESSES   LISTENERS                              ATTACHEDROUTES",
                "default     gw     True       False/AddressNotUsable   127.0.0.1   http=127.0.0.1:8080,admin=not-served   2");
    }

    @Test
    void aRouteRowSummarisesItsParentsConditionsAndNamesTheListenersItIsServedOn() {
        Rows rows = ResourceRows.routes(items().subList(1, 2), config());

        assertThat(rows.rows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("parents", List.of("gw/http", "infra/edge"))
                .containsEntry("accepted", "False/NotAllowedByListeners")
                .containsEntry("resolvedRefs", "True")
                .containsEntry("listeners", List.of("gw/http")));
    }

    @Test
    void jsonOutputHoldsTheValuesTheTableShows() {
        Rows rows = ResourceRows.routes(items().subList(1, 2), config());
        StringWriter json = new StringWriter();

        OutputFormat.JSON.print(Map.of("items", rows.rows()), new PrintWriter(json));

        @SuppressWarnings("unchecked")
        Map<String, Object> row = JsonTree.maps(((Map<String, Object>) JSON.readValue(json.toString(), Map.class))
                .get("items")).get(0);
        assertThat(row).isEqualTo(rows.rows().get(0));
        assertThat(table(rows).get(1)).contains("gw/http,infra/edge").contains("False/NotAllowedByListeners");
    }

    @Test
    void aBackendRowCountsHealthyEndpointsAndNamesTheEjectedOnes() {
        Rows rows = ResourceRows.backends(JsonTree.maps(JSON.readValue("""
                [{"name": "shop/cart:80", "namespace": "shop", "errorStatus": 0,
                  "endpoints": [{"address": "10.0.0.1", "port": 8080, "ejected": false},
                                {"address": "10.0.0.2", "port": 8080, "ejected": true}],
                  "rules": ["httproute/shop/cart/rule/0"]}]
                """, List.class)));

        assertThat(table(rows)).containsExactly(
                "NAMESPACE   NAME      ENDPOINTS   EJECTED         INVALID   RULES",
                "shop        cart:80   1/2         10.0.0.2:8080   <none>    1");
    }

    private static List<String> table(Rows rows) {
        StringWriter text = new StringWriter();
        rows.printTable(new PrintWriter(text));
        return text.toString().lines().toList();
    }
}
