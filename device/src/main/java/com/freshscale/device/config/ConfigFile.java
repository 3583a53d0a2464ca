package com.freshscale.device.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The scale's configuration file (YAML), one top-level section per stage ({@code weighing}, {@code loadcell},
 * {@code printer}, {@code camera}, {@code sync}, ...). Each stage binds its own section to its own record
 * with {@link #section(String, Class)} and validates it. Binding is strict: unknown keys, missing
 * required values and wrong types are errors naming the key, and nothing is silently defaulted.
 */
public final class ConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private final String origin;
    private final JsonNode root;

    private ConfigFile(String origin, JsonNode root) {
        this.origin = origin;
        this.root = root;
    }

    public static ConfigFile load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The configuration shipped in the jar under {@code resource} (e.g. the demo's simulated scale). */
    public static ConfigFile resource(String resource) {
        InputStream in = ConfigFile.class.getResourceAsStream(resource);
        if (in == null) throw new ConfigException("no config resource " + resource);
        try (in) {
            return parse("classpath:" + resource, in);
        } catch (IOException e) {
            throw new ConfigException("cannot read config resource " + resource + ": " + e.getMessage(), e);
        }
    }

    public static ConfigFile parse(String origin, InputStream in) {
        try {
            JsonNode root = YAML.readTree(in);
            if (root == null || root.isMissingNode() || root.isNull()) root = YAML.createObjectNode();
            if (!root.isObject()) throw new ConfigException(origin + ": the top level must be a mapping of sections");
            return new ConfigFile(origin, root);
        } catch (IOException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public boolean has(String section) {
        return root.has(section);
    }

    /** Binds section {@code name} to {@code type}; a missing section or bad value is a {@link ConfigException}. */
    public <T> T section(String name, Class<T> type) {
        Objects.requireNonNull(name);
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) throw new ConfigException(origin + ": missing section '" + name + "'");
        try {
            return YAML.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(origin + ": unknown key '" + name + "." + pathOf(e) + "'", e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(origin + ": bad or missing value at '" + name + "." + pathOf(e) + "': "
                    + e.getOriginalMessage(), e);
        } catch (ValueInstantiationException e) {
            // a record's compact constructor refused a value: its message, without Jackson's wrapping and source position
            Throwable why = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new ConfigException(origin + ": section '" + name + "': "
                    + (why == e ? e.getOriginalMessage() : why.getMessage()), e);
        } catch (IOException e) {
            throw new ConfigException(origin + ": section '" + name + "': " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // thrown by a record's compact constructor validating its values
            throw new ConfigException(origin + ": section '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String pathOf(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    public String origin() {
        return origin;
    }
}
