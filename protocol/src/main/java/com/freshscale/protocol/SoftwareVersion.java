package com.freshscale.protocol;

/**
 * The software version of a FreshScale jar, read from its manifest (Implementation-Version, set by the
 * build). Legal metrology (OIML R76 / WELMEC 7.2) requires the version of legally relevant software
 * to be shown on request, so it is never hard-coded.
 */
public final class SoftwareVersion {
    private SoftwareVersion() {}

    /** The version of the jar that holds {@code anchor}, or "dev" when run from classes (tests, IDE). */
    public static String of(Class<?> anchor) {
        String v = anchor.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
