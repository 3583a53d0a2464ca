package com.freshscale.protocol.codec;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component added to a message after its first release: a message from an older scale or server does not
 * have it, and it then reads as null. Everything else stays required ({@link MessageCodec} is strict), and a null
 * optional field is left out when written, so a message without the new data is byte for byte what older builds
 * wrote and read. Only for reference types (a missing primitive would have no honest default).
 */
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonInclude(JsonInclude.Include.NON_NULL)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface OptionalField {
}
