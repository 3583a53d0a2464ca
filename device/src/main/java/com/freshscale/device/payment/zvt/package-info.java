/**
 * The ZVT protocol (ZVT-Protokoll, "ECR-Interface", PA00P015, revision 13), by which an electronic cash register
 * (here: the scale) drives a German, Austrian or Swiss card terminal (PT) over TCP (default port 20007).
 *
 * <p>Framing (spec chapter 2, "APDU"): {@code CLASS INSTR LENGTH DATA}; a length above 254 is written {@code FF}
 * followed by two bytes, low byte first. The data of most commands is a sequence of BMPs (bitmap fields: a one-byte
 * tag and a value whose length is fixed by the tag, or an LL/LLL variable length written as F-nibbled decimal
 * digits), and BMP {@code 06} is a BER-TLV container (spec chapter 9).
 *
 * <p>Which end sends what (spec chapter 2.2, "master-slave"): the ECR sends a command and the PT acknowledges it
 * ({@code 80 00 00}); for a command that hands the master rights to the PT (authorisation, reversal, end-of-day,
 * registration, repeat receipt) the PT then sends intermediate status ({@code 04 FF}), status information
 * ({@code 04 0F}), print lines ({@code 06 D1}) or text blocks ({@code 06 D3}), each acknowledged by the ECR, and
 * ends with completion ({@code 06 0F}) or abort ({@code 06 1E}).
 */
package com.freshscale.device.payment.zvt;
