package com.freshscale.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a record's {@link OptionalField} components be absent from the JSON although the codec fails on missing
 * creator properties: before binding, each absent optional field is added as null. Records without optional fields
 * keep Jackson's own (faster, streaming) deserializer untouched.
 */
final class OptionalFields extends BeanDeserializerModifier {
    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deserializer) {
        Class<?> type = desc.getBeanClass();
        if (!type.isRecord()) return deserializer;
        List<String> optional = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.isAnnotationPresent(OptionalField.class)) optional.add(c.getName());
        }
        return optional.isEmpty() ? deserializer : new FillAbsent(deserializer, List.copyOf(optional));
    }

    private static final class FillAbsent extends DelegatingDeserializer {
        private final List<String> optional;

        FillAbsent(JsonDeserializer<?> delegate, List<String> optional) {
            super(delegate);
            this.optional = optional;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new FillAbsent(newDelegatee, optional);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) return _delegatee.deserialize(p, ctxt);
            JsonNode tree = ctxt.readTree(p);
            if (tree instanceof ObjectNode o) {
                for (String f : optional) if (!o.has(f)) o.putNull(f);
            }
            try (JsonParser again = tree.traverse(p.getCodec())) {
                again.nextToken();
                return _delegatee.deserialize(again, ctxt);
            }
        }
    }
}
