package io.ssosync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Protocol;
import io.ssosync.sync.domain.RegistryEvent;

class ContractReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SAML_SPEC = """
            {"tenantId":"t_acme","connectionKey":"idp_7f3a","version":12,"name":"Acme Okta","protocol":"saml",
             "provider":"saml_okta","domains":["acme.com"],"organizationId":"org_2abc","active":true,
             "syncUserAttributes":true,
             "saml":{"idpEntityId":"http://www.okta.com/exk1","idpSsoUrl":"https://acme.okta.com/app/x/sso/saml",
                     "idpCertificate":"MIIC...","idpMetadataUrl":null,"idpMetadata":null,"allowIdpInitiated":false,
                     "allowSubdomains":false,"forceAuthn":false,
                     "attributeMapping":{"userId":null,"emailAddress":"email","firstName":"firstName","lastName":"lastName"}},
             "oidc":null}""";

    @ParameterizedTest
    @ValueSource(strings = {"idp.connection.upserted", "idp.connection.created", "idp.connection.updated"})
    void readsTheContractExampleUnderEveryUpsertAlias(String type) throws Exception {
        RegistryEvent event = ContractReader.read(type, JSON.readTree(SAML_SPEC)).orElseThrow();

        ConnectionSpec spec = ((RegistryEvent.ConnectionUpserted) event).spec();
        assertEquals("idp_7f3a", spec.connectionKey());
        assertEquals(12, spec.version());
        assertEquals(Protocol.SAML, spec.protocol());
        assertEquals(List.of("acme.com"), spec.domains());
        assertEquals("MIIC...", spec.saml().idpCertificate());
        assertEquals("email", spec.saml().attributeMapping().emailAddress());
        assertEquals(Boolean.TRUE, spec.syncUserAttributes());
    }

    @Test
    void readsDeletesAndTenantEvents() throws Exception {
        assertInstanceOf(RegistryEvent.ConnectionDeleted.class, ContractReader.read("idp.connection.deleted",
                JSON.readTree("{\"tenantId\":\"t\",\"connectionKey\":\"k\",\"version\":12}")).orElseThrow());
        assertInstanceOf(RegistryEvent.TenantDeleted.class, ContractReader.read("tenant.deleted",
                JSON.readTree("{\"tenantId\":\"t\",\"version\":40}")).orElseThrow());
        RegistryEvent.TenantCreated created = (RegistryEvent.TenantCreated) ContractReader.read("tenant.created",
                JSON.readTree("{\"tenantId\":\"t_acme\",\"name\":\"Acme\",\"connections\":[" + SAML_SPEC + "]}"))
                .orElseThrow();
        assertEquals(1, created.connections().size());
        RegistryEvent.TenantCreated empty = (RegistryEvent.TenantCreated) ContractReader.read("tenant.created",
                JSON.readTree("{\"tenantId\":\"t_acme\"}")).orElseThrow();
        assertTrue(empty.connections().isEmpty());
    }

    @Test
    void unknownTypeIsNoError() throws Exception {
        assertTrue(ContractReader.read("idp.connection.archived", JSON.readTree("{}")).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tenantId|                 |data.tenantId",
            "connectionKey|            |data.connectionKey",
            "version|                  |data.version",
            "version|-1                |data.version",
            "version|\"12\"            |data.version",
            "name|                     |data.name",
            "protocol|\"ldap\"         |data.protocol",
            "provider|\"oidc_custom\"  |data.provider",
            "domains|[]                |data.domains",
            "domains|[\"Acme.com\"]    |data.domains[0]",
            "domains|[\"acme\"]        |data.domains[0]",
            "domains|[\"acme.com\",7]  |data.domains[1]",
            "saml|                     |data.saml",
            "oidc|{}                   |data.oidc",
            "active|\"yes\"            |data.active",
    })
    void rejectsAndNamesTheField(String field, String value, String expectedField) throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(SAML_SPEC);
        if (value == null) {
            spec.remove(field);
        } else {
            spec.set(field, JSON.readTree(value));
        }

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> ContractReader.read("idp.connection.upserted", spec));

        assertEquals(expectedField, e.field(), e.getMessage());
    }

    @Test
    void rejectsAWrongNestedField() throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(SAML_SPEC);
        ((ObjectNode) spec.get("saml")).put("forceAuthn", "no");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> ContractReader.read("idp.connection.upserted", spec));

        assertEquals("data.saml.forceAuthn", e.field());
    }

    @Test
    void rejectsATenantConnectionOfAnotherTenant() throws Exception {
        JsonNode data = JSON.readTree("{\"tenantId\":\"t_other\",\"connections\":[" + SAML_SPEC + "]}");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> ContractReader.read("tenant.created", data));

        assertEquals("data.connections[0].tenantId", e.field());
    }
}
