package io.ssosync.testing.clerksim;

/**
 * Two self-signed X.509 certificates (CN=idp1.simulator.test, CN=idp2.simulator.test, valid until 2126) for SAML
 * connections: the simulator, like Clerk, rejects an {@code idp_certificate} it cannot parse. Two, so that a test
 * can rotate one for the other.
 */
public final class SampleCertificates {

    public static final String IDP_1 = """
            -----BEGIN CERTIFICATE-----
            MIIDDDCCAfSgAwIBAgIBATANBgkqhkiG9w0BAQsFADAeMRwwGgYDVQQDDBNpZHAx
            LnNpbXVsYXRvci50ZXN0MCAXDTI2MTEyNTE1MTczMVoYDzIxMjYxMTAxMTUxNzMx
            WjAeMRwwGgYDVQQDDBNpZHAxLnNpbXVsYXRvci50ZXN0MIIBIjANBgkqhkiG9w0B
            AQEFAAOCAQ8AMIIBCgKCAQEAviUSNlyhXdNGOyj2GmL6XLT81G/sbsVi22Ur8Sy2
            UTAE1jgLcDC4gRdwrlWMEyla5pwjVlu4rvayghmDsi6Ltu7bVwO6s4LsAmXNXNao
            eFYChsa1pkkErWd7SaVvW5/+OYlnpvPlejoRRxReSJIPIkR8pw8Gaaocm3UG9lRL
            6J3vHUIrFJwM+yJs6gFtPrQnzZGU5dbckiz8LSW8zhQ4X2bFSQqujeVicYvPHs2C
            ck27WuKFslWkA5SZGc4n9tWgHQ9JUOmJaXo6LUwC4yVC5Bgu521xETrudAtCar+3
            5C8uC4WOP8c/Jjtr1B5Y/oQHVU4JN7R5EEPQ76fV0RMFUwIDAQABo1MwUTAdBgNV
            HQ4EFgQUgbEp4SnIHJ+P3OkwYXYGh+oftC8wHwYDVR0jBBgwFoAUgbEp4SnIHJ+P
            3OkwYXYGh+oftC8wDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEA
            DCCOWS+n/3kz6GRduNJ2Om4OROhTkYvtDnsLjWU/WRdUw50RLptoOesydJd6yvFO
            umWpmoXy6sxKGH9ni/he7QlPLF94JwDj/iLBt/rkgnUc4AKcfhOYeY9mwuX98VSZ
            WEowUotTEPNzVM5cp6YjbSYJelXyCTuJysYUXNzhmDp6t4XTe18VfgVgwLWzhDVD
            GZD1ltrep9J7PoSTvNHNjdhluNG2w75Wvu51sghCh2Rn5DZ0ne8Bgyquxak4G5HV
            oi+woDWamdzkOJXvAAGenxzW3MFvGl2C6c9tL9Axn+ISTgxN0HA1QFXj4RV6qNKE
            yfFd79MJAXwlS3GNy0wO0g==
            -----END CERTIFICATE-----
            """;

    public static final String IDP_2 = """
            -----BEGIN CERTIFICATE-----
            MIIDDDCCAfSgAwIBAgIBAjANBgkqhkiG9w0BAQsFADAeMRwwGgYDVQQDDBNpZHAy
            LnNpbXVsYXRvci50ZXN0MCAXDTI2MTEyNTE1MTczMloYDzIxMjYxMTAxMTUxNzMy
            WjAeMRwwGgYDVQQDDBNpZHAyLnNpbXVsYXRvci50ZXN0MIIBIjANBgkqhkiG9w0B
            AQEFAAOCAQ8AMIIBCgKCAQEAjIL9JE+cYgbbLeQ/Dlq7Na0OqfSAReLlt5bEVwBo
            h/h4IsRUZ0UiaDggmSzKo7bFImYt4xNGIprN+Il3JTjoeRD72gQVFQOHfzBi8C1I
            tVvaX1yp+fmqxva1NI9xqE/o7q2AUSIaQNT9k8AUcfOI3dIUlVpXbCpVCMLPEsqy
            mm2StdvIOoiayejZw+D3cibM05nokQz5vnyXsfa0Uw/WFBGw6Dn8W6zmgpQ7Z+QD
            zVzdEbQaDma3w86GQEdsBmKhv8x1BdjhPovAYlHxtC3RtPSC39OmpRtWj5GIYw5W
            M7qrXdqUkYQsmEvFMZQAldpbLKEGkE/6Z97bJUEAXe5dGQIDAQABo1MwUTAdBgNV
            HQ4EFgQUJG3CPJuqnC0ih8rycjkCFHrkn1cwHwYDVR0jBBgwFoAUJG3CPJuqnC0i
            h8rycjkCFHrkn1cwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEA
            JXuYEZrleb6CPzh30K98PLyr+gbXRBGWl0YO2iox5kmIgym5yRjaEzX7DehhmYQj
            0DqjO7Gp8HK2rydRKZ35IyyYrkGavpgoeONAen61Ktm39O8+3vB8K0lfMdrM7X+Y
            J0vNyypxaMZbFAmdYB4jhMAhGLNJXqCmeXr+cGwE2KSY/5VTvS9KkkbTEmjRLf7v
            9GfLM5LCv6kqoSrsvH2jeWTAUq11qvTDpEkKm3SZIJ9ddiun696YvERMkkCHp7Za
            J91eikotae07JL/G3qSeeeiuoiFDWIIUWPz4Wv0GS6nCoB5OIblO58fZHhJVVIid
            upGQaSM56iwzSgAEaPKROg==
            -----END CERTIFICATE-----
            """;

    private SampleCertificates() {
    }
}
