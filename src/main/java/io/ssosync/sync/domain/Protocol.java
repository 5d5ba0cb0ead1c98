package io.ssosync.sync.domain;

public enum Protocol {
    SAML, OIDC
}
