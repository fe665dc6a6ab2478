package dev.wsmon.exporters.impl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a snapshot document with Jackson, using Vert.x's mapper (which knows {@link JsonObject},
 * {@code JsonArray} and {@code Instant}); a non-finite number is written as {@code null}, so the
 * output is always valid JSON. Pretty output uses two-space indents and {@code \n} on every
 * platform.
 */
public final class JsonRenderer {

  private static final ObjectWriter COMPACT;
  private static final ObjectWriter PRETTY;

  static {
    SimpleModule finite = new SimpleModule("wsmon-finite-numbers");
    finite.addSerializer(Double.class, new FiniteDoubleSerializer());
    finite.addSerializer(Float.class, new FiniteFloatSerializer());
    ObjectMapper mapper = DatabindCodec.mapper().copy().registerModule(finite);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    COMPACT = mapper.writer();
    PRETTY = mapper.writer(printer);
  }

  private JsonRenderer() {}

  public static String render(JsonObject document, boolean pretty) {
    try {
      return (pretty ? PRETTY : COMPACT).writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render the snapshot as JSON: " + e.getMessage(), e);
    }
  }

  private static final class FiniteDoubleSerializer extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }

  private static final class FiniteFloatSerializer extends JsonSerializer<Float> {
    @Override
    public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (Float.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }
}
