package io.ssosync.tracing;

import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.ssosync.support.tracing.Traces;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link Traces} on OpenTelemetry. A traceparent is read with the W3C propagator itself rather than the configured
 * ones, so that one kept with a command, or sent by the registry, is continued whatever the propagation settings.
 */
@ApplicationScoped
public class OpenTelemetryTraces implements Traces {

    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<String> ONLY_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public OpenTelemetryTraces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.ssosync");
    }

    @Override
    public Scope start(Kind kind, String name, String traceparent, Map<String, Object> attributes) {
        Context current = Context.current();
        SpanContext enclosing = Span.fromContext(current).getSpanContext();
        SpanContext remote = parse(traceparent);
        SpanBuilder builder = tracer.spanBuilder(name)
                .setSpanKind(kind == Kind.CONSUMER ? SpanKind.CONSUMER : SpanKind.INTERNAL);
        if (remote.isValid() && !(enclosing.isValid() && enclosing.getTraceId().equals(remote.getTraceId()))) {
            builder.setParent(current.with(Span.wrap(remote)));
            if (enclosing.isValid()) {
                // The HTTP request that carried another trace's event stays findable from this span.
                builder.addLink(enclosing);
            }
        } else {
            builder.setParent(current);
        }
        attributes.forEach((key, value) -> {
            if (value instanceof Long number) {
                builder.setAttribute(AttributeKey.longKey(key), number);
            } else if (value != null) {
                builder.setAttribute(key, value.toString());
            }
        });
        Span span = builder.startSpan();
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }

    @Override
    public String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid()
                ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex()
                : null;
    }

    @Override
    public String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    private static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return SpanContext.getInvalid();
        }
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent.trim(),
                ONLY_TRACEPARENT);
        return Span.fromContext(extracted).getSpanContext();
    }
}
