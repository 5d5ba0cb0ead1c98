package io.ssosync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * deploy/kubernetes as Kubernetes would receive it: rendered by {@code kubectl kustomize}, every object read as its API
 * type with no unknown field, and what the deployment relies on asserted (README "Deployment").
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("deploy/kubernetes");
    private static final String SECRET = "sso-sync-secrets";

    /** Every secret the service reads (README "Configuration", "Security"), each from the operator's Secret. */
    private static final Set<String> SECRET_ENV = Set.of("CLERK_SECRET_KEY", "SSO_SYNC_API_TOKENS",
            "IDP_WEBHOOK_SECRETS", "SSO_SYNC_CONSOLE_OIDC_CLIENT_SECRET", "SSO_SYNC_ENCRYPTION_KEYS",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

    /**
     * The longest drain on SIGTERM, in seconds: Dispatcher.stop waits up to 15 s for its workers and 5 s for the
     * lease renewal, DeadLetterOutcomes up to 5 s for its writer. The grace period must outlast it.
     */
    private static final int DRAIN_SECONDS = 15 + 5 + 5;

    /** The JVM's own variable, not the service's: set in the Deployment to size the heap. */
    private static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS");

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/dev", "overlays/prod" })
    void everyObjectIsAValidApiObjectAndTheDeploymentIsSafe(String directory) throws IOException {
        List<HasMetadata> objects = render(directory);
        Deployment deployment = one(objects, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(1, pod.getContainers().size());
        Container container = pod.getContainers().get(0);

        assertProbe(container.getLivenessProbe(), "/q/health/live");
        assertProbe(container.getReadinessProbe(), "/q/health/ready");
        assertProbe(container.getStartupProbe(), "/q/health/started");
        assertEquals(8080, container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort());

        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, "a numeric non-root user");
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        var security = container.getSecurityContext();
        assertTrue(security.getReadOnlyRootFilesystem());
        assertFalse(security.getAllowPrivilegeEscalation());
        assertTrue(security.getRunAsNonRoot());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertEquals("RuntimeDefault", security.getSeccompProfile().getType());
        String tmpVolume = container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume at /tmp")).getName();
        assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow()
                .getEmptyDir(), "/tmp is an emptyDir");

        assertTrue(pod.getTerminationGracePeriodSeconds() > DRAIN_SECONDS,
                "terminationGracePeriodSeconds " + pod.getTerminationGracePeriodSeconds() + " must outlast the "
                        + DRAIN_SECONDS + " s drain");
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));
        assertNotNull(container.getResources().getRequests().get("cpu"));

        Map<String, SecretKeySelector> secrets = container.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef()));
        assertEquals(SECRET_ENV, secrets.keySet());
        secrets.values().forEach(ref -> assertEquals(SECRET, ref.getName()));
        assertTrue(container.getEnv().stream().filter(e -> e.getValue() != null)
                .allMatch(e -> JVM_ENV.contains(e.getName())), "no setting given as a literal value in env");
        assertTrue(objects.stream().noneMatch(o -> "Secret".equals(o.getKind())), "no Secret is committed");

        ConfigMap config = settings(objects, container);
        Set<String> documented = DocumentedSettings.read().names();
        Set<String> undocumented = new TreeSet<>(config.getData().keySet());
        undocumented.addAll(secrets.keySet());
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "variables the README does not document");
        assertTrue(config.getData().keySet().stream().noneMatch(SECRET_ENV::contains), "a secret in the ConfigMap");

        Service service = one(objects, Service.class);
        var port = service.getSpec().getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow();
        assertEquals("http", port.getTargetPort().getStrVal());
        assertSelects(service.getSpec().getSelector(), deployment);
        assertSelects(one(objects, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels(), deployment);

        ServiceMonitor monitor = one(objects, ServiceMonitor.class);
        assertTrue(service.getMetadata().getLabels().entrySet()
                .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()), "ServiceMonitor selects the Service");
        assertEquals(1, monitor.getSpec().getEndpoints().size());
        assertEquals("http", monitor.getSpec().getEndpoints().get(0).getPort());
        assertEquals("/q/metrics", monitor.getSpec().getEndpoints().get(0).getPath());

        for (HorizontalPodAutoscaler hpa : all(objects, HorizontalPodAutoscaler.class)) {
            assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
            assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
            // The replicas share one key's quota: more of them make no more calls to Clerk.
            assertTrue(hpa.getSpec().getMaxReplicas() <= 4, "maxReplicas " + hpa.getSpec().getMaxReplicas());
            assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
        }
    }

    @Test
    void devRunsOneReplicaAtTheDevelopmentQuota() throws IOException {
        List<HasMetadata> objects = render("overlays/dev");
        Deployment deployment = one(objects, Deployment.class);
        assertEquals("100", settings(objects, container(deployment)).getData().get("CLERK_RATE_LIMIT"));
        assertEquals(1, deployment.getSpec().getReplicas());
        assertEquals(List.of(), all(objects, HorizontalPodAutoscaler.class));
        assertEquals("registry.example.com/sso-sync:0.1.0-SNAPSHOT", container(deployment).getImage());
    }

    @Test
    void prodRunsTwoReplicasOrMoreAtTheProductionQuotaWithOneAlwaysUp() throws IOException {
        List<HasMetadata> objects = render("overlays/prod");
        Deployment deployment = one(objects, Deployment.class);
        assertEquals("1000", settings(objects, container(deployment)).getData().get("CLERK_RATE_LIMIT"));
        assertTrue(deployment.getSpec().getReplicas() >= 2);
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class);
        assertTrue(hpa.getSpec().getMinReplicas() >= 2);
        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
        assertEquals(null, pdb.getSpec().getMaxUnavailable());
        assertEquals("registry.example.com/sso-sync:0.1.0-SNAPSHOT", container(deployment).getImage());
    }

    @Test
    void theReaderRefusesAFieldTheApiTypeDoesNotHave() throws IOException {
        String yaml = Kustomize.render(KUBERNETES.resolve("overlays/prod"))
                .replace("readinessProbe:", "readynessProbe:");
        AssertionError refused = assertThrows(AssertionError.class, () -> StrictKubernetesReader.readAll(yaml));
        assertTrue(refused.getMessage().contains("readynessProbe"), refused.getMessage());
        String nested = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{name: http, prot: 80}]}\n";
        assertThrows(AssertionError.class, () -> StrictKubernetesReader.readAll(nested));
        String unknownKind = "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n";
        assertThrows(AssertionError.class, () -> StrictKubernetesReader.readAll(unknownKind));
    }

    @Test
    void theExampleSecretHoldsEveryKeyTheDeploymentReads() throws IOException {
        var secret = (io.fabric8.kubernetes.api.model.Secret) StrictKubernetesReader
                .readAll(Files.readString(KUBERNETES.resolve("secret.example.yaml"))).get(0);
        Container container = container(one(render("base"), Deployment.class));
        Set<String> keys = container.getEnv().stream().filter(e -> e.getValueFrom() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getKey()).collect(Collectors.toSet());
        assertEquals(SECRET, secret.getMetadata().getName());
        assertEquals(keys, secret.getStringData().keySet());
    }

    private static List<HasMetadata> render(String directory) {
        return StrictKubernetesReader.readAll(Kustomize.render(KUBERNETES.resolve(directory)));
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, "no probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("http", probe.getHttpGet().getPort().getStrVal());
    }

    private static void assertSelects(Map<String, String> selector, Deployment deployment) {
        assertFalse(selector.isEmpty());
        assertTrue(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(selector.entrySet()), "selector " + selector + " matches the pods");
    }

    private static ConfigMap settings(List<HasMetadata> objects, Container container) {
        String name = container.getEnvFrom().get(0).getConfigMapRef().getName();
        return all(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = all(objects, type);
        assertEquals(1, found.size(), "one " + type.getSimpleName() + ": " + found.stream()
                .map(o -> o.getMetadata().getName()).map(Function.identity()).toList());
        return found.get(0);
    }
}
