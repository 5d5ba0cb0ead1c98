package io.ssosync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.CustomAttribute;
import io.ssosync.sync.domain.LoginHint;
import io.ssosync.sync.domain.RegistryEvent;

/** The contract's extensions for Clerk's newer settings, read and checked as Clerk's spec checks them. */
class ClerkExtensionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheFourFields() throws Exception {
        ObjectNode data = spec();
        data.put("disableAdditionalIdentifications", true);
        data.put("allowOrganizationAccountLinking", false);
        data.set("customAttributes", JSON.readTree("""
                [{"name":"Department","key":"department","ssoPath":"dept","scimPath":"urn:dept",
                  "directoryPath":"urn:dept","multiValued":false},
                 {"name":"Groups","key":"groups"}]"""));
        ((ObjectNode) data.get("saml")).set("loginHint", JSON.readTree("{\"mode\":\"custom_attribute\",\"source\":\"upn\"}"));

        ConnectionSpec spec = read(data);

        assertEquals(Boolean.TRUE, spec.disableAdditionalIdentifications());
        assertEquals(Boolean.FALSE, spec.allowOrganizationAccountLinking());
        assertEquals(List.of(new CustomAttribute("Department", "department", "dept", "urn:dept", "urn:dept", false),
                new CustomAttribute("Groups", "groups", null, null, null, null)), spec.customAttributes());
        assertEquals(new LoginHint("custom_attribute", "upn"), spec.saml().loginHint());
    }

    @Test
    void absentOrNullFieldsLeaveClerksValueAndAnEmptyListMeansNone() throws Exception {
        ConnectionSpec absent = read(spec());
        ObjectNode nulls = spec();
        nulls.putNull("disableAdditionalIdentifications");
        nulls.putNull("allowOrganizationAccountLinking");
        nulls.putNull("customAttributes");
        ((ObjectNode) nulls.get("saml")).putNull("loginHint");
        ObjectNode empty = spec();
        empty.putArray("customAttributes");

        for (ConnectionSpec spec : List.of(absent, read(nulls))) {
            assertNull(spec.disableAdditionalIdentifications());
            assertNull(spec.allowOrganizationAccountLinking());
            assertNull(spec.customAttributes());
            assertNull(spec.saml().loginHint());
        }
        assertEquals(List.of(), read(empty).customAttributes());
    }

    @Test
    void modesWithoutASourceNeedNone() throws Exception {
        for (String mode : List.of("email_address", "off")) {
            ObjectNode data = spec();
            ((ObjectNode) data.get("saml")).putObject("loginHint").put("mode", mode);

            assertEquals(new LoginHint(mode, null), read(data).saml().loginHint());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "disableAdditionalIdentifications|\"yes\"                       |data.disableAdditionalIdentifications|must be true or false",
            "allowOrganizationAccountLinking|1                              |data.allowOrganizationAccountLinking|must be true or false",
            "customAttributes|{}                                            |data.customAttributes|must be an array",
            "customAttributes|[\"department\"]                              |data.customAttributes[0]|must be a JSON object",
            "customAttributes|[{\"key\":\"dept\"}]                          |data.customAttributes[0].name|is missing",
            "customAttributes|[{\"name\":\"Dept\"}]                         |data.customAttributes[0].key|is missing",
            "customAttributes|[{\"name\":\"Dept\",\"key\":\"\"}]            |data.customAttributes[0].key|is missing",
            "customAttributes|[{\"name\":\"Dept\",\"key\":\"_dept\"}]       |data.customAttributes[0].key|\"_dept\" does not match",
            "customAttributes|[{\"name\":\"Dept\",\"key\":\"de.pt\"}]       |data.customAttributes[0].key|\"de.pt\" does not match",
            "customAttributes|[{\"name\":\"Dept\",\"key\":\"d\",\"ssoPath\":3}]|data.customAttributes[0].ssoPath|must be a string",
            "customAttributes|[{\"name\":\"Dept\",\"key\":\"d\",\"multiValued\":\"no\"}]|data.customAttributes[0].multiValued|must be true or false",
            "customAttributes|[{\"name\":\"Dept\",\"key\":\"d\",\"scimPath\":\"a\",\"directoryPath\":\"b\"}]|data.customAttributes[0].directoryPath|is Clerk's new name for scimPath",
            "loginHint|{\"mode\":\"off\"}                                   |data.loginHint|is a SAML setting",
    })
    void rejectsABadTopLevelValueNamingTheField(String field, String value, String expectedField, String reason)
            throws Exception {
        ObjectNode data = spec();
        data.set(field, JSON.readTree(value));

        assertRejected(data, expectedField, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"off\"                                          |data.saml.loginHint|must be a JSON object",
            "{}                                               |data.saml.loginHint.mode|is missing",
            "{\"mode\":\"email\"}                             |data.saml.loginHint.mode|must be one of [email_address, custom_attribute, off], was \"email\"",
            "{\"mode\":true}                                  |data.saml.loginHint.mode|must be a string",
            "{\"mode\":\"custom_attribute\"}                  |data.saml.loginHint.source|is missing",
            "{\"mode\":\"custom_attribute\",\"source\":7}     |data.saml.loginHint.source|must be a string",
            "{\"mode\":\"email_address\",\"source\":\"upn\"}  |data.saml.loginHint.source|is only used with mode custom_attribute",
    })
    void rejectsABadLoginHintNamingTheField(String value, String expectedField, String reason) throws Exception {
        ObjectNode data = spec();
        ((ObjectNode) data.get("saml")).set("loginHint", JSON.readTree(value));

        assertRejected(data, expectedField, reason);
    }

    private static void assertRejected(ObjectNode data, String field, String reason) {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> ContractReader.read("idp.connection.upserted", data));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " " + reason), e.getMessage());
    }

    private static ConnectionSpec read(ObjectNode data) {
        return ((RegistryEvent.ConnectionUpserted) ContractReader.read("idp.connection.upserted", data)
                .orElseThrow()).spec();
    }

    private static ObjectNode spec() throws Exception {
        return (ObjectNode) JSON.readTree(ContractReaderTest.SAML_SPEC);
    }
}
