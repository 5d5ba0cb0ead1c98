package io.ssosync.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize DIR}: the manifests as Kubernetes receives them. The machine's kubectl (v1.32, kustomize
 * v5.5) is required; without it the test fails saying so rather than passing unchecked.
 */
final class Kustomize {

    private Kustomize() {
    }

    static String render(Path directory) {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                .redirectErrorStream(false);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render deploy/kubernetes (kubectl kustomize) and was not"
                    + " found on the PATH: install kubectl (v1.27 or later, kustomize built in)", e);
        }
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed (exit " + process.exitValue()
                        + "): " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("reading kubectl kustomize " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted rendering " + directory, e);
        }
    }
}
